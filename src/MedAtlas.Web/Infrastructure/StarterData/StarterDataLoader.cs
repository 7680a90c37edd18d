using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.StarterData;

internal sealed record StarterDataOutcome(string Name, bool Applied, string Fingerprint);

/// <summary>Applies each starter data set whose files changed since it was last applied.</summary>
internal sealed class StarterDataLoader(
    MedAtlasDbContext db,
    IDatabaseDialect dialect,
    IEnumerable<IStarterDataSet> sets,
    IConfiguration configuration,
    ILogger<StarterDataLoader> logger)
{
    public string SeedRoot { get; } = SeedRootFrom(configuration);

    /// <summary><c>MedAtlas:StarterDataDirectory</c>, or <c>data/seed</c> beside the binary: also where starter media files are served from.</summary>
    public static string SeedRootFrom(IConfiguration configuration) =>
        configuration["MedAtlas:StarterDataDirectory"] is { Length: > 0 } custom
            ? Path.GetFullPath(custom)
            : Path.Combine(AppContext.BaseDirectory, "data", "seed");

    public async Task<IReadOnlyList<StarterDataOutcome>> LoadAsync(CancellationToken cancellationToken)
    {
        var outcomes = new List<StarterDataOutcome>();
        foreach (var set in sets.OrderBy(s => s.Order).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            var folder = new StarterDataFolder(Path.Combine(SeedRoot, set.Folder));
            var fingerprint = folder.Fingerprint();
            outcomes.Add(new StarterDataOutcome(set.Name, await ApplyIfChangedAsync(set, folder, fingerprint, cancellationToken), fingerprint));
        }

        return outcomes;
    }

    private async Task<bool> ApplyIfChangedAsync(IStarterDataSet set, StarterDataFolder folder, string fingerprint, CancellationToken cancellationToken)
    {
        if (await IsCurrentAsync(set.Name, fingerprint, cancellationToken))
            return false;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await dialect.LockForExclusiveWriteAsync(db, "starter-data", cancellationToken);

        // Another instance may have applied it while this one waited for the lock.
        if (await IsCurrentAsync(set.Name, fingerprint, cancellationToken))
            return false;

        logger.LogInformation("Loading starter data {Set} from {Folder}", set.Name, folder.Path);
        await set.ApplyAsync(db, folder, cancellationToken);

        var version = await db.StarterDataVersions.FindAsync([set.Name], cancellationToken);
        if (version is null)
        {
            version = new StarterDataVersion { Name = set.Name, Fingerprint = fingerprint };
            db.StarterDataVersions.Add(version);
        }

        version.Fingerprint = fingerprint;
        version.AppliedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    private Task<bool> IsCurrentAsync(string name, string fingerprint, CancellationToken cancellationToken) =>
        db.StarterDataVersions.AsNoTracking().AnyAsync(v => v.Name == name && v.Fingerprint == fingerprint, cancellationToken);
}
