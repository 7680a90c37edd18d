using MedAtlas.Web.Features.Foods.Import;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.StarterData;

namespace MedAtlas.Web.Features.Foods;

/// <summary>
/// About two hundred everyday foods under <c>data/seed/foods</c>: SR28 files in USDA's own format, cut from the full
/// release by <c>scripts/make-food-starter.sh</c>, so a fresh site's planner has foods. Read by the import's reader and
/// written by the import's writer, as Starter rows; foods an import brought are left to the import.
/// </summary>
internal sealed class FoodsStarterData : IStarterDataSet
{
    public string Name => "foods";

    public int Order => 30;

    public string Folder => "foods";

    public async Task ApplyAsync(MedAtlasDbContext db, StarterDataFolder folder, CancellationToken cancellationToken)
    {
        if (!folder.Exists)
            return;

        var records = new List<(string Row, Sr28Record Record)>();
        try
        {
            await foreach (var row in Sr28Files.ReadAsync(folder.Path, cancellationToken))
            {
                if (row.Record is null)
                    throw new InvalidDataException($"Starter data {folder.Path}: {row.Row}: {row.Rejection}");
                records.Add((row.Row, row.Record));
            }
        }
        catch (ImportFormatException e)
        {
            throw new InvalidDataException($"Starter data {folder.Path}: {e.Message}", e);
        }

        await Sr28Importer.WriteAsync(new ImportBatch<Sr28Record>(db, records, new ImportTally()), ContentOrigin.Starter, cancellationToken);
    }
}
