using System.Runtime.CompilerServices;
using System.Text;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MedAtlas.Web.Features.Foods.Import;

/// <summary>
/// <c>import usda-sr28 &lt;folder&gt;</c>: USDA's National Nutrient Database for Standard Reference, Release 28, as its
/// ASCII files (FD_GROUP, NUTR_DEF, FOOD_DES, WEIGHT, NUT_DATA; NUT_DATA may be gzipped). Every food, measure and
/// nutrient value is upserted; the starter subset (<see cref="FoodsStarterData"/>) is written by the same code.
/// </summary>
internal sealed class Sr28Importer : Importer<Sr28Record>
{
    // 679,045 values: a batch of 5,000 is 136 transactions, each one pre-read of the batch's stored values.
    private const int ValuesPerStatement = 300;

    public override string Source => "usda-sr28";

    public override string Description => "USDA SR28 nutrient database: the folder of its ASCII files (FOOD_DES.txt, NUT_DATA.txt[.gz], WEIGHT.txt, NUTR_DEF.txt, FD_GROUP.txt)";

    public override int BatchSize => 5000;

    public override async IAsyncEnumerable<ImportRow<Sr28Record>> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!input.IsDirectory)
            throw new ImportFormatException($"{input.Path} is a file; usda-sr28 reads the folder that holds {string.Join(", ", Sr28Files.Required)}.");

        await foreach (var row in Sr28Files.ReadAsync(input.Path, cancellationToken))
            yield return row;
    }

    public override Task WriteAsync(ImportBatch<Sr28Record> batch, CancellationToken cancellationToken) =>
        WriteAsync(batch, ContentOrigin.Imported, cancellationToken);

    /// <summary>
    /// Upserts a batch of SR28 records and counts each as added, updated or unchanged. Written as
    /// <paramref name="origin"/>: an import (Imported) takes over starter foods; the starter set (Starter) leaves
    /// foods an import brought alone, with their measures and values.
    /// </summary>
    public static async Task WriteAsync(ImportBatch<Sr28Record> batch, ContentOrigin origin, CancellationToken cancellationToken)
    {
        var db = batch.Db;
        var records = batch.Records.Select(r => r.Record).ToList();
        var changes = new Changes(batch);
        CountKinds(batch, records);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await GroupsAsync(db, records.OfType<Sr28Group>().ToList(), changes, cancellationToken);
            await NutrientsAsync(db, records.OfType<Sr28Nutrient>().ToList(), changes, cancellationToken);
            var skipped = await FoodsAsync(db, records.OfType<Sr28Food>().ToList(), origin, changes, cancellationToken);
            var portions = records.OfType<Sr28Portion>().ToList();
            var values = records.OfType<Sr28Value>().ToList();
            if (origin == ContentOrigin.Starter)
                skipped.UnionWith(await NotStarterAsync(db, portions.Select(p => p.FoodId).Concat(values.Select(v => v.FoodId)), cancellationToken));
            foreach (var food in skipped)
                changes.Unchanged(portions.Count(p => p.FoodId == food) + values.Count(v => v.FoodId == food));

            await PortionsAsync(db, [.. portions.Where(p => !skipped.Contains(p.FoodId))], changes, cancellationToken);
            db.ChangeTracker.DetectChanges();

            // The values go in by plain SQL, after the foods they name are saved.
            await db.SaveChangesAsync(cancellationToken);
            await ValuesAsync(db, [.. values.Where(v => !skipped.Contains(v.FoodId))], changes, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        if (changes.Any)
            await DataStamps.BumpAsync(db, "foods", cancellationToken);
    }

    /// <summary>Records per file, under their own names in the summary, so the counts can be checked against USDA's.</summary>
    private static void CountKinds(ImportBatch<Sr28Record> batch, List<Sr28Record> records)
    {
        foreach (var kind in records.GroupBy(r => r switch
        {
            Sr28Group => "groups",
            Sr28Nutrient => "nutrients",
            Sr28Food => "foods",
            Sr28Portion => "measures",
            _ => "values",
        }))
            batch.Count(kind.Key, kind.Count());
    }

    private static async Task GroupsAsync(MedAtlasDbContext db, List<Sr28Group> groups, Changes changes, CancellationToken cancellationToken)
    {
        if (groups.Count == 0)
            return;
        var codes = groups.Select(g => g.Code).ToList();
        var stored = await db.Set<FoodGroup>().Where(g => codes.Contains(g.Code)).ToDictionaryAsync(g => g.Code, cancellationToken);
        Upsert(db, groups, stored, g => g.Code, g => new FoodGroup { Code = g.Code, Name = g.Name }, (g, row) =>
        {
            if (row.Name == g.Name)
                return false;
            row.Name = g.Name;
            return true;
        }, changes);
    }

    private static async Task NutrientsAsync(MedAtlasDbContext db, List<Sr28Nutrient> nutrients, Changes changes, CancellationToken cancellationToken)
    {
        if (nutrients.Count == 0)
            return;
        var ids = nutrients.Select(n => n.Id).ToList();
        var stored = await db.Set<Nutrient>().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        Upsert(db, nutrients, stored, n => n.Id, n => new Nutrient { Id = n.Id, Unit = n.Unit, Tag = n.Tag, Name = n.Name, Decimals = n.Decimals, SortOrder = n.SortOrder }, (n, row) =>
        {
            if (row.Unit == n.Unit && row.Tag == n.Tag && row.Name == n.Name && row.Decimals == n.Decimals && row.SortOrder == n.SortOrder)
                return false;
            (row.Unit, row.Tag, row.Name, row.Decimals, row.SortOrder) = (n.Unit, n.Tag, n.Name, n.Decimals, n.SortOrder);
            return true;
        }, changes);
    }

    /// <summary>Upserts the foods; returns those left alone because the starter set does not own them.</summary>
    private static async Task<HashSet<string>> FoodsAsync(MedAtlasDbContext db, List<Sr28Food> foods, ContentOrigin origin, Changes changes, CancellationToken cancellationToken)
    {
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        if (foods.Count == 0)
            return skipped;
        var ids = foods.Select(f => f.Id).ToList();
        var stored = await db.Set<Food>().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, cancellationToken);
        foreach (var f in foods)
        {
            if (!stored.TryGetValue(f.Id, out var row))
            {
                db.Add(new Food
                {
                    Id = f.Id, GroupCode = f.GroupCode, Name = f.Name, ShortName = f.ShortName, CommonNames = f.CommonNames,
                    Manufacturer = f.Manufacturer, Survey = f.Survey, RefusePercent = f.RefusePercent,
                    RefuseDescription = f.RefuseDescription, ScientificName = f.ScientificName, Origin = origin,
                });
                changes.Added();
                continue;
            }

            if (origin == ContentOrigin.Starter && row.Origin != ContentOrigin.Starter)
            {
                skipped.Add(f.Id);
                changes.Unchanged();
                continue;
            }

            var same = row.GroupCode == f.GroupCode && row.Name == f.Name && row.ShortName == f.ShortName && row.CommonNames == f.CommonNames
                && row.Manufacturer == f.Manufacturer && row.Survey == f.Survey && row.RefusePercent == f.RefusePercent
                && row.RefuseDescription == f.RefuseDescription && row.ScientificName == f.ScientificName && row.Origin == origin;
            if (same)
            {
                changes.Unchanged();
                continue;
            }

            row.GroupCode = f.GroupCode;
            row.Name = f.Name;
            row.ShortName = f.ShortName;
            row.CommonNames = f.CommonNames;
            row.Manufacturer = f.Manufacturer;
            row.Survey = f.Survey;
            row.RefusePercent = f.RefusePercent;
            row.RefuseDescription = f.RefuseDescription;
            row.ScientificName = f.ScientificName;
            row.Origin = origin;
            changes.Updated();
        }

        return skipped;
    }

    private static async Task<IEnumerable<string>> NotStarterAsync(MedAtlasDbContext db, IEnumerable<string> foodIds, CancellationToken cancellationToken)
    {
        var ids = foodIds.Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Set<Food>().AsNoTracking()
            .Where(f => ids.Contains(f.Id) && f.Origin != ContentOrigin.Starter).Select(f => f.Id).ToListAsync(cancellationToken);
    }

    private static async Task PortionsAsync(MedAtlasDbContext db, List<Sr28Portion> portions, Changes changes, CancellationToken cancellationToken)
    {
        if (portions.Count == 0)
            return;
        var ids = portions.Select(p => p.FoodId).Distinct().ToList();
        var stored = await db.Set<FoodPortion>().Where(p => ids.Contains(p.FoodId)).ToDictionaryAsync(p => (p.FoodId, p.Seq), cancellationToken);
        Upsert(db, portions, stored, p => (p.FoodId, p.Seq), p => new FoodPortion { FoodId = p.FoodId, Seq = p.Seq, Amount = p.Amount, Description = p.Description, Grams = p.Grams }, (p, row) =>
        {
            if (row.Amount == p.Amount && row.Description == p.Description && row.Grams == p.Grams)
                return false;
            (row.Amount, row.Description, row.Grams) = (p.Amount, p.Description, p.Grams);
            return true;
        }, changes);
    }

    /// <summary>Adds each record that is not stored, brings stored rows up to their record (<paramref name="apply"/> says whether anything differed), and counts each.</summary>
    private static void Upsert<TRecord, TRow, TKey>(
        MedAtlasDbContext db, List<TRecord> records, Dictionary<TKey, TRow> stored, Func<TRecord, TKey> key, Func<TRecord, TRow> create,
        Func<TRecord, TRow, bool> apply, Changes changes)
        where TRow : class
        where TKey : notnull
    {
        foreach (var record in records)
        {
            if (!stored.TryGetValue(key(record), out var row))
            {
                db.Add(create(record));
                changes.Added();
            }
            else if (apply(record, row))
                changes.Updated();
            else
                changes.Unchanged();
        }
    }

    /// <summary>
    /// The values: 679,045 of them in the full release, too many for a tracked entity each. The batch's stored values
    /// are read in one query (to tell added, updated and unchanged apart), new ones go in by multi-row INSERT and
    /// changed ones by UPDATE, through the batch's own connection and transaction, on either provider.
    /// </summary>
    private static async Task ValuesAsync(MedAtlasDbContext db, List<Sr28Value> values, Changes changes, CancellationToken cancellationToken)
    {
        if (values.Count == 0)
            return;
        var ids = values.Select(v => v.FoodId).Distinct().ToList();
        var stored = await db.Set<FoodNutrient>().AsNoTracking().Where(v => ids.Contains(v.FoodId))
            .ToDictionaryAsync(v => (v.FoodId, v.NutrientId), v => v.Value, cancellationToken);

        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(FoodNutrient))!;
        var table = sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName());
        var (foodColumn, nutrientColumn, valueColumn) = (Column(nameof(FoodNutrient.FoodId)), Column(nameof(FoodNutrient.NutrientId)), Column(nameof(FoodNutrient.Value)));

        // Names from the model, values as parameters.
        var update = $"UPDATE {table} SET {valueColumn} = {{0}} WHERE {foodColumn} = {{1}} AND {nutrientColumn} = {{2}}";
        var fresh = new List<Sr28Value>();
        foreach (var v in values)
        {
            if (!stored.TryGetValue((v.FoodId, v.NutrientId), out var current))
            {
                fresh.Add(v);
                changes.Added();
            }
            else if (current != v.Value)
            {
                await db.Database.ExecuteSqlRawAsync(update, [v.Value, v.FoodId, v.NutrientId], cancellationToken);
                changes.Updated();
            }
            else
                changes.Unchanged();
        }

        foreach (var chunk in fresh.Chunk(ValuesPerStatement))
        {
            var text = new StringBuilder($"INSERT INTO {table} ({foodColumn}, {nutrientColumn}, {valueColumn}) VALUES ");
            var parameters = new object[chunk.Length * 3];
            for (var i = 0; i < chunk.Length; i++)
            {
                text.Append(i == 0 ? "(" : ", (").Append('{').Append(i * 3).Append("}, {").Append(i * 3 + 1).Append("}, {").Append(i * 3 + 2).Append("})");
                (parameters[i * 3], parameters[i * 3 + 1], parameters[i * 3 + 2]) = (chunk[i].FoodId, chunk[i].NutrientId, chunk[i].Value);
            }

            await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
        }
    }

    /// <summary>The batch's counts, and whether anything was written (so the "foods" stamp moves only then).</summary>
    private sealed class Changes(ImportBatch<Sr28Record> batch)
    {
        public bool Any { get; private set; }

        public void Added()
        {
            batch.Added();
            Any = true;
        }

        public void Updated()
        {
            batch.Updated();
            Any = true;
        }

        public void Unchanged(int count = 1) => batch.Unchanged(count);
    }
}
