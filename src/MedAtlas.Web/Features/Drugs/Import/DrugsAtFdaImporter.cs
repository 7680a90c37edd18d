using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Drugs.Import;

/// <summary>One row of Products.txt, joined with its application (type, sponsor) and marketing status.</summary>
/// <param name="Ingredients">Base names, in label order (<see cref="DrugMatcher.Ingredients"/>).</param>
/// <param name="BrandName">The product's name as a brand, readably cased; null when it only names the ingredients.</param>
internal sealed record DrugsAtFdaProduct(
    string ApplicationNumber,
    string ProductNumber,
    string ProductName,
    string ActiveIngredients,
    IReadOnlyList<string> Ingredients,
    string Strength,
    string DosageForm,
    string Route,
    MarketingStatus? Status,
    string Sponsor,
    bool IsReferenceDrug,
    string? BrandName);

/// <summary>
/// <c>import drugsatfda drugsatfda20190702.zip</c>: FDA's Drugs@FDA data files, as the zip FDA publishes or a folder
/// holding its .txt files. Every approved product becomes a <see cref="DrugProduct"/> on the drug its ingredients name,
/// and its brand becomes one of that drug's names.
/// </summary>
internal sealed partial class DrugsAtFdaImporter : Importer<DrugsAtFdaProduct>
{
    private const string ProductsFile = "Products.txt";
    private const string ApplicationsFile = "Applications.txt";
    private const string MarketingStatusFile = "MarketingStatus.txt";

    private static readonly string[] ProductColumns =
        ["ApplNo", "ProductNo", "Form", "Strength", "ReferenceDrug", "DrugName", "ActiveIngredient", "ReferenceStandard"];

    private static readonly string[] ApplicationColumns = ["ApplNo", "ApplType", "SponsorName"];

    private static readonly string[] MarketingStatusColumns = ["MarketingStatusID", "ApplNo", "ProductNo"];

    // The files are ASCII with a few Windows-1252 bytes (a curly apostrophe in Submissions.txt); UTF-8 would turn those into U+FFFD.
    private static readonly Encoding FdaEncoding = CodePagesEncodingProvider.Instance.GetEncoding(1252) ?? Encoding.Latin1;

    public override string Source => "drugsatfda";

    public override string Description => "FDA Drugs@FDA data files: the zip from fda.gov (drugsatfda20190702.zip) or a folder of its .txt files";

    public override async IAsyncEnumerable<ImportRow<DrugsAtFdaProduct>> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var download = Download.Open(input);
        var header = await ReadHeaderAsync(download, ProductsFile, ProductColumns, cancellationToken);

        // Products.txt is streamed; the two files joined into it are held whole: in 2019 they are 23,267 applications
        // and 39,788 statuses (about 1 MB of text), and every product needs a lookup into both.
        var applications = await ReadApplicationsAsync(download, cancellationToken);
        var statuses = await ReadMarketingStatusesAsync(download, cancellationToken);

        using var reader = download.OpenText(ProductsFile);
        await download.ReadLineAsync(reader, ProductsFile, cancellationToken);
        var firstLine = new Dictionary<(string, string), int>();
        var lineNumber = 1;
        while (await download.ReadLineAsync(reader, ProductsFile, cancellationToken) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;

            var row = $"{ProductsFile} line {lineNumber}";
            var (record, rejection) = ParseProduct(line, header, applications, statuses);
            if (record is not null && !firstLine.TryAdd((record.ApplicationNumber, record.ProductNumber), lineNumber))
            {
                rejection = $"product {record.ProductNumber} of {record.ApplicationNumber} is listed twice (first on line {firstLine[(record.ApplicationNumber, record.ProductNumber)]})";
                record = null;
            }

            yield return record is null ? ImportRow<DrugsAtFdaProduct>.Rejected(row, rejection!) : ImportRow<DrugsAtFdaProduct>.Ok(row, record);
        }
    }

    private static (DrugsAtFdaProduct? Record, string? Rejection) ParseProduct(
        string line, Header header, Dictionary<string, Application> applications, Dictionary<(string, string), MarketingStatus> statuses)
    {
        if (Fields(line, header.Width) is not { } fields)
            return (null, $"{line.Split('\t').Length} fields where the header has {header.Width}");

        string Field(int column) => fields[header.Columns[column]].Trim();

        var applNo = Field(0);
        var productNo = Field(1);
        if (!IsDigits(applNo, 6))
            return (null, $"ApplNo '{Shorten(applNo)}' is not a six-digit application number");
        if (!IsDigits(productNo, 3))
            return (null, $"ProductNo '{Shorten(productNo)}' is not a three-digit product number");

        var activeIngredients = Field(6);
        var ingredients = DrugMatcher.Ingredients(activeIngredients);
        if (ingredients.Count == 0)
            return (null, "no active ingredient");

        // FDA's export doubles quotes inside values (HYDRO-SERP ""25""); the name itself has one pair.
        var drugName = Field(5).Replace("\"\"", "\"", StringComparison.Ordinal);
        if (drugName.Length == 0)
            return (null, "no drug name");

        if (!applications.TryGetValue(applNo, out var application))
            return (null, $"application {applNo} is not in {ApplicationsFile}, so its type (NDA, ANDA or BLA) is not known");

        var form = Field(2);
        var split = form.IndexOf(';', StringComparison.Ordinal);
        var dosageForm = split < 0 ? form : form[..split].Trim();
        var route = split < 0 ? "" : form[(split + 1)..].Trim();
        var strength = Field(3);

        // The catalogue's column sizes: PostgreSQL enforces them, and one value too long would fail its whole batch.
        var tooLong = new (string Column, string Value, int Max)[]
        {
            ("DrugName", drugName, 300), ("ActiveIngredient", activeIngredients, 300), ("ActiveIngredient", DrugMatcher.ToDisplayName(ingredients), 300),
            ("Strength", strength, 500), ("Form", dosageForm, 200), ("Form", route, 200), ("SponsorName", application.Sponsor, 300),
        }.FirstOrDefault(c => c.Value.Length > c.Max);
        if (tooLong.Column is not null)
            return (null, $"{tooLong.Column} is longer than {tooLong.Max} characters");
        if (ingredients.Any(i => i.Length > 200))
            return (null, "an active ingredient's name is longer than 200 characters");

        return (new DrugsAtFdaProduct(
            application.Type + applNo,
            productNo,
            drugName,
            activeIngredients,
            ingredients,
            strength,
            dosageForm,
            route,
            statuses.TryGetValue((applNo, productNo), out var status) ? status : null,
            application.Sponsor,
            Field(4) == "1",
            BrandName(drugName, activeIngredients)), null);
    }

    /// <summary>The row's fields, or null when their count is wrong.</summary>
    private static string[]? Fields(string line, int count)
    {
        var fields = line.Split('\t');
        if (fields.Length == count)
            return fields;

        // A known quirk: a few rows (ApplNo 206029 in 2019) end with an extra TAB, an empty field past the last column.
        if (fields.Length == count + 1 && fields[^1].Trim().Length == 0)
            return fields[..count];
        return null;
    }

    private static bool IsDigits(string value, int length) => value.Length == length && value.All(char.IsAsciiDigit);

    private static string Shorten(string value, int length = 20) => value.Length > length ? value[..length] + "…" : value;

    private sealed record Application(string Type, string Sponsor);

    private static async Task<Dictionary<string, Application>> ReadApplicationsAsync(Download download, CancellationToken cancellationToken)
    {
        var applications = new Dictionary<string, Application>(StringComparer.Ordinal);
        await foreach (var fields in ReadTableAsync(download, ApplicationsFile, ApplicationColumns, cancellationToken))
        {
            var type = fields[1].ToUpperInvariant();
            if (IsDigits(fields[0], 6) && type.Length > 0 && type.All(char.IsAsciiLetter))
                applications[fields[0]] = new Application(type, fields[2]);
        }

        return applications;
    }

    private static async Task<Dictionary<(string, string), MarketingStatus>> ReadMarketingStatusesAsync(Download download, CancellationToken cancellationToken)
    {
        var statuses = new Dictionary<(string, string), MarketingStatus>();
        await foreach (var fields in ReadTableAsync(download, MarketingStatusFile, MarketingStatusColumns, cancellationToken))
        {
            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !Enum.IsDefined((MarketingStatus)id))
                continue;

            // A few products are listed under two statuses (both prescription and over the counter); the lower
            // number is the more available one, and keeps the drug from being called OTC-only.
            var key = (fields[1], fields[2]);
            if (!statuses.TryGetValue(key, out var known) || id < (int)known)
                statuses[key] = (MarketingStatus)id;
        }

        return statuses;
    }

    /// <summary>The named columns of each row of a table, trimmed, in the order asked for.</summary>
    private static async IAsyncEnumerable<string[]> ReadTableAsync(
        Download download, string file, string[] wanted, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var header = await ReadHeaderAsync(download, file, wanted, cancellationToken);
        var needed = header.Columns.Max() + 1;
        using var reader = download.OpenText(file);
        await download.ReadLineAsync(reader, file, cancellationToken);
        while (await download.ReadLineAsync(reader, file, cancellationToken) is { } line)
        {
            var fields = line.Split('\t');
            if (fields.Length >= needed)
                yield return [.. header.Columns.Select(c => fields[c].Trim())];
        }
    }

    /// <param name="Columns">Where each wanted column is.</param>
    /// <param name="Width">How many columns the header names, and so how many fields a row has.</param>
    private sealed record Header(int[] Columns, int Width);

    /// <summary>Where each wanted column is, or why the file is not the Drugs@FDA one.</summary>
    private static async Task<Header> ReadHeaderAsync(Download download, string file, string[] wanted, CancellationToken cancellationToken)
    {
        using var reader = download.OpenText(file);
        var line = await download.ReadLineAsync(reader, file, cancellationToken);
        var names = (line ?? "").Split('\t').Select(n => n.Trim()).ToList();
        var columns = wanted.Select(w => names.FindIndex(n => string.Equals(n, w, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (columns.Contains(-1))
        {
            var found = string.IsNullOrWhiteSpace(line) ? "it is empty" : $"its first line is \"{Shorten(line.Replace('\t', ' '), 80)}\"";
            throw new ImportFormatException(
                $"{file} in {download.Name} is not the Drugs@FDA file: its header should name the columns {string.Join(", ", wanted)} (tab-separated), but {found}.");
        }

        // A header with a trailing TAB names an empty last column; it is the same quirk as in the rows.
        while (names.Count > 0 && names[^1].Length == 0)
            names.RemoveAt(names.Count - 1);
        return new Header(columns, names.Count);
    }

    /// <summary>The download's .txt files, from the zip FDA publishes or from a folder it was unpacked into.</summary>
    private sealed class Download : IDisposable
    {
        private const string WhatToGive =
            "Give the Drugs@FDA zip as FDA publishes it (drugsatfda20190702.zip, from \"Drugs@FDA Data Files\" on fda.gov) " +
            "or a folder holding its .txt files (Products.txt, Applications.txt, MarketingStatus.txt).";

        private readonly ZipArchive? zip;
        private readonly Dictionary<string, string> files;

        private Download(string name, ZipArchive? zip, Dictionary<string, string> files)
        {
            Name = name;
            this.zip = zip;
            this.files = files;
        }

        public string Name { get; }

        public static Download Open(ImportInput input)
        {
            var download = input.IsDirectory ? OpenFolder(input) : input.IsZip() ? OpenZip(input) : throw new ImportFormatException(
                string.Equals(input.Name, ProductsFile, StringComparison.OrdinalIgnoreCase)
                    ? $"{input.Name} alone is not enough: the products' application types and marketing status are in the files beside it. {WhatToGive}"
                    : $"{input.Name} is not a Drugs@FDA download: it is neither a zip file nor a folder. {WhatToGive}");

            var missing = new[] { ProductsFile, ApplicationsFile, MarketingStatusFile }.Where(f => !download.files.ContainsKey(f)).ToList();
            if (missing.Count > 0)
            {
                download.Dispose();
                throw new ImportFormatException($"{input.Name} is not a Drugs@FDA download: it has no {string.Join(", ", missing)}. {WhatToGive}");
            }

            return download;
        }

        private static Download OpenFolder(ImportInput input)
        {
            var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in Directory.EnumerateFiles(input.Path, "*.txt"))
                files.TryAdd(Path.GetFileName(path), path);
            return new Download(input.Name, null, files);
        }

        private static Download OpenZip(ImportInput input)
        {
            var stream = input.OpenRead();
            try
            {
                var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
                var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var entry in zip.Entries.Where(e => e.Name.Length > 0))
                    files.TryAdd(entry.Name, entry.FullName);
                return new Download(input.Name, zip, files);
            }
            catch (InvalidDataException e)
            {
                stream.Dispose();
                throw new ImportFormatException($"{input.Name} starts like a zip file but cannot be read as one ({e.Message}). {WhatToGive}");
            }
        }

        public StreamReader OpenText(string file)
        {
            var location = files[file];
            try
            {
                var stream = zip is null
                    ? new FileStream(location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan)
                    : zip.GetEntry(location)!.Open();
                return new StreamReader(stream, FdaEncoding, detectEncodingFromByteOrderMarks: true, 1 << 16);
            }
            catch (InvalidDataException e)
            {
                throw Damaged(file, e);
            }
        }

        /// <summary>A line of <paramref name="file"/>; a damaged zip entry is the input's fault, said in words, not a crash.</summary>
        public async Task<string?> ReadLineAsync(StreamReader reader, string file, CancellationToken cancellationToken)
        {
            try
            {
                return await reader.ReadLineAsync(cancellationToken);
            }
            catch (InvalidDataException e)
            {
                throw Damaged(file, e);
            }
        }

        private ImportFormatException Damaged(string file, InvalidDataException e) =>
            new($"{file} in {Name} is damaged and cannot be read to the end ({e.Message}). Download the zip again from fda.gov.");

        public void Dispose() => zip?.Dispose();
    }

    public override async Task WriteAsync(ImportBatch<DrugsAtFdaProduct> batch, CancellationToken cancellationToken)
    {
        var db = batch.Db;

        // DbSet.Local, which DrugMatcher.CreateAsync reads to keep slugs unique, scans every tracked entity when changes
        // are detected automatically: with a batch's thousand products that made each new drug cost 3-4 ms (measured on
        // the 2019 file, two thirds of the import). Changes are detected once, before the batch is saved.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await WriteProductsAsync(batch, cancellationToken);
            db.ChangeTracker.DetectChanges();
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }

        if (db.ChangeTracker.HasChanges())
            await DataStamps.BumpAsync(db, "drugs", cancellationToken);
    }

    private static async Task WriteProductsAsync(ImportBatch<DrugsAtFdaProduct> batch, CancellationToken cancellationToken)
    {
        var db = batch.Db;
        var applicationNumbers = batch.Records.Select(r => r.Record.ApplicationNumber).Distinct().ToList();
        var existing = (await db.Set<DrugProduct>().Where(p => applicationNumbers.Contains(p.ApplicationNumber)).ToListAsync(cancellationToken))
            .ToDictionary(p => (p.ApplicationNumber, p.ProductNumber));
        var matches = await DrugMatcher.FindManyAsync(db, batch.Records.Select(r => (r.Record.Ingredients, FullName(r.Record))), cancellationToken);

        // The drugs the batch's known products sit on now, when the lookup by ingredients did not already load them.
        var currentIds = existing.Values.Select(p => p.DrugId).Distinct().Except(db.Set<Drug>().Local.Select(d => d.Id)).ToList();
        if (currentIds.Count > 0)
            await db.Set<Drug>().Include(d => d.Names).Where(d => currentIds.Contains(d.Id)).LoadAsync(cancellationToken);

        var touched = new List<(Drug Drug, DrugProduct Product)>();
        foreach (var (_, record) in batch.Records)
        {
            existing.TryGetValue((record.ApplicationNumber, record.ProductNumber), out var product);

            // A product an editor corrected by hand is theirs now; the file does not overwrite it.
            if (product is not null && product.Origin is ContentOrigin.Editor or ContentOrigin.User)
            {
                batch.Unchanged();
                continue;
            }

            var drug = product?.Drug is { } current && DrugMatcher.Matches(current, record.Ingredients, FullName(record))
                ? current
                : matches.Find(record.Ingredients, FullName(record)) ?? await CreateDrugAsync(db, matches, record, cancellationToken);

            var added = product is null;
            product ??= NewProduct(record, drug, db);
            var changed = !added && Apply(record, drug, product);
            var named = AddNames(drug, record);

            if (added)
                batch.Added();
            else if (changed || named)
                batch.Updated();
            else
                batch.Unchanged();

            if (added || changed)
                touched.Add((drug, product));
        }

        await DescribeImportedDrugsAsync(db, touched, cancellationToken);
    }

    // Matching by the full ingredient name finds a starter entry that lists the salt form ("lithium carbonate").
    private static string? FullName(DrugsAtFdaProduct record) => record.Ingredients.Count == 1 ? record.ActiveIngredients : null;

    private static async Task<Drug> CreateDrugAsync(MedAtlasDbContext db, DrugMatches matches, DrugsAtFdaProduct record, CancellationToken cancellationToken)
    {
        var kind = record.Status == MarketingStatus.OverTheCounter ? DrugKind.Otc : DrugKind.Prescription;
        var drug = await DrugMatcher.CreateAsync(db, record.Ingredients, kind, cancellationToken);
        matches.Add(drug);
        return drug;
    }

    private static DrugProduct NewProduct(DrugsAtFdaProduct record, Drug drug, MedAtlasDbContext db)
    {
        var product = new DrugProduct
        {
            Drug = drug,
            ApplicationNumber = record.ApplicationNumber,
            ProductNumber = record.ProductNumber,
            ProductName = record.ProductName,
            ActiveIngredients = record.ActiveIngredients,
            Strength = record.Strength,
            DosageForm = record.DosageForm,
            Route = record.Route,
            MarketingStatus = record.Status,
            Sponsor = record.Sponsor,
            IsReferenceDrug = record.IsReferenceDrug,
            Origin = ContentOrigin.Imported,
        };
        db.Add(product);
        return product;
    }

    /// <summary>Brings a stored product up to the file; says whether anything differed.</summary>
    private static bool Apply(DrugsAtFdaProduct record, Drug drug, DrugProduct product)
    {
        var changed = false;
        Set(product.ProductName, record.ProductName, v => product.ProductName = v);
        Set(product.ActiveIngredients, record.ActiveIngredients, v => product.ActiveIngredients = v);
        Set(product.Strength, record.Strength, v => product.Strength = v);
        Set(product.DosageForm, record.DosageForm, v => product.DosageForm = v);
        Set(product.Route, record.Route, v => product.Route = v);
        Set(product.Sponsor, record.Sponsor, v => product.Sponsor = v);
        if (product.MarketingStatus != record.Status)
            (product.MarketingStatus, changed) = (record.Status, true);
        if (product.IsReferenceDrug != record.IsReferenceDrug)
            (product.IsReferenceDrug, changed) = (record.IsReferenceDrug, true);
        if (!ReferenceEquals(product.Drug, drug))
            (product.Drug, changed) = (drug, true);
        if (product.Origin != ContentOrigin.Imported)
            (product.Origin, changed) = (ContentOrigin.Imported, true);
        return changed;

        void Set(string stored, string value, Action<string> assign)
        {
            if (stored == value)
                return;
            assign(value);
            changed = true;
        }
    }

    /// <summary>The brand, and the salt form of a single ingredient ("atorvastatin calcium"), as names to search by.</summary>
    private static bool AddNames(Drug drug, DrugsAtFdaProduct record)
    {
        var named = record.BrandName is { } brand && DrugMatcher.AddName(drug, brand, DrugNameType.Brand, ContentOrigin.Imported);
        if (record.Ingredients.Count == 1 && SearchText.Normalize(record.ActiveIngredients) != record.Ingredients[0])
            named |= DrugMatcher.AddName(drug, ProductNameCase.Ingredient(record.ActiveIngredients), DrugNameType.Other, ContentOrigin.Imported);
        if (named && drug.Origin == ContentOrigin.Imported)
            drug.UpdatedAt = DateTimeOffset.UtcNow;
        return named;
    }

    /// <summary>
    /// Fills an imported drug's forms, routes and strengths from its products, and calls it OTC when it is sold only
    /// over the counter. Only adds: another source (DailyMed) writes the same lists. Starter and edited entries are
    /// the editors' words and are left alone.
    /// </summary>
    private static async Task DescribeImportedDrugsAsync(MedAtlasDbContext db, List<(Drug Drug, DrugProduct Product)> touched, CancellationToken cancellationToken)
    {
        var imported = touched.Where(t => t.Drug.Origin == ContentOrigin.Imported).ToList();
        foreach (var group in imported.GroupBy(t => t.Drug))
        {
            var drug = group.Key;
            var changed = Merge(drug.Forms, group.Select(t => FormName(t.Product.DosageForm)), StringComparer.Ordinal, v => drug.Forms = v);
            changed |= Merge(drug.Routes, group.SelectMany(t => RouteNames(t.Product.Route)), StringComparer.Ordinal, v => drug.Routes = v);
            changed |= Merge(drug.Strengths, group.Select(t => t.Product.Strength), StrengthOrder.Instance, v => drug.Strengths = v);
            if (drug.Kind == DrugKind.Otc && group.Any(t => t.Product.MarketingStatus == MarketingStatus.Prescription))
                (drug.Kind, changed) = (DrugKind.Prescription, true);
            if (changed)
                drug.UpdatedAt = DateTimeOffset.UtcNow;
        }

        // A drug first seen through a discontinued product was created as prescription; it is OTC once it has an OTC
        // product and no prescription one, which takes a look at its stored products.
        var maybeOtc = imported
            .Where(t => t.Drug.Kind == DrugKind.Prescription && t.Product.MarketingStatus == MarketingStatus.OverTheCounter)
            .Select(t => t.Drug).Distinct()
            .Where(d => !db.Set<DrugProduct>().Local.Any(p => p.Drug == d && p.MarketingStatus == MarketingStatus.Prescription))
            .ToList();
        if (maybeOtc.Count == 0)
            return;

        var ids = maybeOtc.Where(d => d.Id != 0).Select(d => d.Id).ToList();
        var inMemory = db.Set<DrugProduct>().Local.Where(p => p.Id != 0).Select(p => p.Id).ToList();
        var prescribed = ids.Count == 0 ? [] : await db.Set<DrugProduct>()
            .Where(p => ids.Contains(p.DrugId) && p.MarketingStatus == MarketingStatus.Prescription && !inMemory.Contains(p.Id))
            .Select(p => p.DrugId).Distinct().ToListAsync(cancellationToken);
        foreach (var drug in maybeOtc.Where(d => !prescribed.Contains(d.Id)))
        {
            drug.Kind = DrugKind.Otc;
            drug.UpdatedAt = DateTimeOffset.UtcNow;
        }
    }

    private static bool Merge(List<string> current, IEnumerable<string> values, IComparer<string> order, Action<List<string>> assign)
    {
        var fresh = values.Where(v => v.Length > 0 && !current.Contains(v, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (fresh.Count == 0)
            return false;
        assign([.. current.Concat(fresh).Order(order)]);
        return true;
    }

    // FDA writes forms and routes in capitals ("TABLET, FILM COATED"; "INTRAMUSCULAR, INTRAVENOUS"); the catalogue's own
    // lists are lower case, one route per entry.
    private static string FormName(string dosageForm) => dosageForm.ToLowerInvariant();

    private static IEnumerable<string> RouteNames(string route) =>
        route.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => r.ToLowerInvariant());

    /// <summary>"5MG" before "10MG" before "EQ 2.5MG BASE"? Numbers compare as numbers, wherever they stand.</summary>
    private sealed class StrengthOrder : IComparer<string>
    {
        public static readonly StrengthOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            x ??= "";
            y ??= "";
            int i = 0, j = 0;
            while (i < x.Length && j < y.Length)
            {
                if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
                {
                    var a = Number(x, ref i);
                    var b = Number(y, ref j);
                    if (a != b)
                        return a.CompareTo(b);
                    continue;
                }

                if (x[i] != y[j])
                    return x[i].CompareTo(y[j]);
                i++;
                j++;
            }

            var byLength = (x.Length - i).CompareTo(y.Length - j);
            return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
        }

        private static decimal Number(string s, ref int at)
        {
            var start = at;
            while (at < s.Length && (char.IsAsciiDigit(s[at]) || (s[at] == '.' && at + 1 < s.Length && char.IsAsciiDigit(s[at + 1]))))
                at++;
            return decimal.TryParse(s.AsSpan(start, at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }
    }

    /// <summary>
    /// The product's name as a brand ("LIPITOR" gives "Lipitor"), or null when it only names what is in it: most generics
    /// are listed under their ingredient ("ATORVASTATIN CALCIUM", "ACETAMINOPHEN AND CODEINE PHOSPHATE",
    /// "DEXTROSE 5% IN PLASTIC CONTAINER"), and those are not brands.
    /// </summary>
    internal static string? BrandName(string drugName, string activeIngredients)
    {
        var name = PackagingSuffix().Replace(drugName.Trim(), "");
        var words = SearchText.Normalize(name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ingredientWords = SearchText.Normalize(activeIngredients).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var mentionsIngredient = words.Any(ingredientWords.Contains);
        return words.Any(IsBrandWord) ? ProductNameCase.Readable(name) : null;

        bool IsBrandWord(string word) =>
            word.Length > 1
            && !word.Any(char.IsAsciiDigit)
            && !ingredientWords.Contains(word)
            && !ingredientWords.Contains(word.TrimEnd('s'))
            && !GenericWords.Contains(word)
            // Abbreviated ingredients beside spelled-out ones ("DEXTROAMP SACCHARATE, AMP ASPARTATE..."). Only then: a brand
            // may well be the start of its ingredient's name (Cipro, ciprofloxacin).
            && !(mentionsIngredient && word.Length >= 3 && ingredientWords.Any(i => i.StartsWith(word, StringComparison.Ordinal)));
    }

    // Words that describe a generic product rather than name it: how it is packed, diluted, made or sold, and the
    // usual abbreviations of ingredients (APAP, ASA, HCTZ). Found by reading the names the 2019 file gives its generics.
    private static readonly HashSet<string> GenericWords =
    [
        "and", "in", "with", "w", "o", "of", "for", "plastic", "container", "duplex", "glass", "syringe", "prefilled",
        "preservative", "free", "usp", "nf", "water", "sterile", "bacteriostatic", "dextrose", "saline", "normal", "lactated",
        "acetated", "ringers", "ringer", "distilled", "sodium", "chloride", "potassium", "molar", "units", "unit", "meq",
        "electrolyte", "electrolytes", "no", "low", "double", "half", "strength", "extra", "regular", "plain", "micronized",
        "extended", "delayed", "release", "kit", "allergy", "childrens", "children", "pediatric", "infants", "junior", "adult",
        "hives", "relief", "men", "women", "hcl", "hydrochloride", "injection", "lock", "flush", "single", "dose", "vial",
        "pharmacy", "bulk", "package", "solution", "suspension", "tablets", "tabs", "capsules", "oral", "topical", "viscous",
        "emollient", "cream", "ointment", "lotion", "formula", "pfs", "fdc", "autoinjector", "needs", "refrigeration",
        "apap", "asa", "hctz", "hct", "hc", "vc",
    ];

    [GeneratedRegex(@"(\s+(IN\s+)?(PLASTIC|DUPLEX|GLASS)\s+CONTAINERS?|\s+PRESERVATIVE[\s-]+FREE)+\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PackagingSuffix();
}
