using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Pills;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Pills;

/// <summary>
/// The app with a handful of made-up pills inserted as an importer would leave them. The imprints start with "ZT"
/// or "QZ" so nobody mistakes them for real ones; they are linked to starter drugs so cards and links work. The starter
/// pills are removed first.
/// </summary>
public sealed class PillsApp : MedAtlasApp
{
    public static readonly byte[] PhotoBytes = [0xFF, 0xD8, 0xFF, 0xE0, (byte)'Z', (byte)'T', (byte)'-', (byte)'T', (byte)'E', (byte)'S', (byte)'T', 0xFF, 0xD9];

    /// <summary>Pill ids by imprint as stored.</summary>
    internal Dictionary<string, int> Ids { get; private set; } = [];

    internal int PhotoId { get; private set; }

    internal int SvgImageId { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        // Starting the app migrates the database and loads the starter drugs the pills link to.
        CreateClient().Dispose();

        await WithDbAsync(async db =>
        {
            // Only the made-up pills, so a test knows every pill a search can find; the starter pills have tests of their own.
            await db.Set<Pill>().Where(p => p.Origin == ContentOrigin.Starter).ExecuteDeleteAsync();
            var drugs = await db.Set<Drug>().Where(d => new[] { "atorvastatin", "simvastatin", "lisinopril", "metformin", "ibuprofen" }.Contains(d.Slug))
                .ToDictionaryAsync(d => d.Slug, d => d.Id);
            Pill Make(string imprint, string drug, string product, string[] colors, string shape, decimal? size, bool synthetic = false) => new()
            {
                DrugId = drugs[drug],
                ProductName = product,
                Imprint = imprint,
                Colors = [.. colors],
                Shape = shape,
                SizeMm = size,
                Score = 1,
                Strength = "10 mg",
                Labeler = "Example Test Labeler",
                ProductNdc = "99999-0155",
                PackageNdcs = ["99999-0155-01", "99999-0155-02"],
                SetId = "00000000-0000-4000-8000-000000000155",
                Coating = "FILM COATED",
                IsSynthetic = synthetic,
            };

            var pills = new List<Pill>
            {
                Make("ZT;155;10", "atorvastatin", "Atorvastatin Calcium", ["WHITE"], "OVAL", 9.5m),
                Make("155", "simvastatin", "Simvastatin", ["WHITE"], "ROUND", 6m),
                Make("QZ1557", "lisinopril", "Lisinopril", ["PINK"], "ROUND", 7m),
                Make("1559", "lisinopril", "Lisinopril", ["GREEN"], "TRIANGLE", 5m),
                Make("ZT;CAP;7", "ibuprofen", "Ibuprofen", ["BLUE", "WHITE"], "CAPSULE", 18m),
                Make("ZT;1;2;3;4", "metformin", "Metformin Hydrochloride", ["WHITE"], "RECTANGLE", 19m),
                Make("QZ;900", "metformin", "Synthetic Metformin", ["YELLOW"], "ROUND", 8m, synthetic: true),
                Make("ZT;PHOTO", "atorvastatin", "Atorvastatin Calcium", ["WHITE"], "OVAL", 11m),
            };
            pills[^1].Images.Add(new PillImage { FileName = "zt-photo.jpg", ContentType = "image/jpeg", Content = PhotoBytes });
            pills[^1].Images.Add(new PillImage { FileName = "zt-photo.svg", ContentType = "image/svg+xml", Content = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() });
            db.AddRange(pills);
            await DataStamps.BumpAsync(db, "pills", CancellationToken.None);
            await db.SaveChangesAsync();

            Ids = pills.ToDictionary(p => p.Imprint, p => p.Id);
            PhotoId = pills[^1].Images[0].Id;
            SvgImageId = pills[^1].Images[1].Id;
            return 0;
        });

        // Inserted in this process: the site would otherwise see the stamp move within seconds, and a test wants it now.
        Services.GetRequiredService<DataStamps>().Invalidate();
    }
}
