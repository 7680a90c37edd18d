using Npgsql;

namespace MedAtlas.Tests.Infrastructure;

/// <summary>
/// The database a test app runs on: a fresh SQLite file in a temp folder, or a fresh database on the
/// PostgreSQL server test.sh started. <c>MEDATLAS_TEST_PROVIDER</c> (sqlite | postgres) picks the provider for
/// the whole run; <c>MEDATLAS_TEST_POSTGRES</c> is the server's connection string.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string provider, string dataDirectory, string? connectionString, string? postgresName)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        PostgresName = postgresName;
    }

    public static string ProviderUnderTest =>
        Environment.GetEnvironmentVariable("MEDATLAS_TEST_PROVIDER") is { Length: > 0 } p ? p.ToLowerInvariant() : "sqlite";

    public static string? PostgresServer => Environment.GetEnvironmentVariable("MEDATLAS_TEST_POSTGRES");

    public string Provider { get; }

    public string DataDirectory { get; }

    /// <summary>Null for SQLite: the app's default file under <see cref="DataDirectory"/> is used, as in a real install.</summary>
    public string? ConnectionString { get; }

    private string? PostgresName { get; }

    public static async Task<TestDatabase> CreateAsync(string? dataDirectory = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("medatlas-test-").FullName;
        if (ProviderUnderTest != "postgres")
            return new TestDatabase("sqlite", dataDirectory, null, null);

        var server = PostgresServer ?? throw new InvalidOperationException(
            "MEDATLAS_TEST_PROVIDER=postgres needs MEDATLAS_TEST_POSTGRES (test.sh starts a server and sets it).");
        var name = $"medatlas_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase("postgres", dataDirectory, builder.ConnectionString, name);
    }

    /// <summary>Another app on the same data: the same SQLite folder, or the same PostgreSQL database.</summary>
    public TestDatabase Share() => new(Provider, DataDirectory, ConnectionString, null);

    public async ValueTask DisposeAsync()
    {
        if (PostgresName is not null && PostgresServer is { } server)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (PostgresName is not null || Provider == "sqlite")
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing host; the OS temp cleaner gets it.
            }
        }
    }
}
