using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Infrastructure.StarterData;

/// <summary>
/// A feature's authored starter content, under <c>data/seed/&lt;Folder&gt;</c>. It is applied when its files
/// change (their fingerprint is stored), so starting twice adds nothing twice and a newer version of the
/// files updates what the set owns (rows whose origin is <see cref="ContentOrigin.Starter"/>), nothing else.
/// </summary>
internal interface IStarterDataSet
{
    /// <summary>Stable name, also the key of its stored version.</summary>
    string Name { get; }

    /// <summary>Sets with a lower order load first (drugs before the interactions that name them).</summary>
    int Order { get; }

    /// <summary>Folder under the seed root whose files make up this set.</summary>
    string Folder { get; }

    Task ApplyAsync(MedAtlasDbContext db, StarterDataFolder folder, CancellationToken cancellationToken);
}
