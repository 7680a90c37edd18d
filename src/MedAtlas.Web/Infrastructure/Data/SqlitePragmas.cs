using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MedAtlas.Web.Infrastructure.Data;

/// <summary>
/// Per-connection SQLite settings. WAL itself is a property of the file (set once by the migrator);
/// synchronous=NORMAL is per connection and, under WAL, cannot corrupt the database: at worst the last
/// commits before a power loss are lost, which an import re-run restores.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
