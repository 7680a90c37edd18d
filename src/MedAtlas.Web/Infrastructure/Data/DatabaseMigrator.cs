using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Data;

/// <summary>Brings the database to the current schema: at start, and through the <c>migrate</c> command.</summary>
internal sealed class DatabaseMigrator(MedAtlasDbContext db, DatabaseSettings settings, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
            Directory.CreateDirectory(settings.DataDirectory);

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the site keep reading while an import writes; the mode is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return pending;
    }
}
