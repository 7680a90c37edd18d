namespace MedAtlas.Web.Infrastructure.Data;

/// <summary>A setting is missing or wrong; the message says which and how to fix it. The app exits with it, not a stack trace.</summary>
internal sealed class MedAtlasConfigurationException(string message) : Exception(message);

internal enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the data lives: <c>Database:Provider</c>, <c>ConnectionStrings:Default</c>, <c>MedAtlas:DataDirectory</c>.</summary>
internal sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public const string DefaultSqliteFileName = "medatlas.db";

    public static DatabaseSettings From(IConfiguration configuration, string contentRoot)
    {
        var providerName = configuration["Database:Provider"];
        var provider = providerName?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            _ => throw new MedAtlasConfigurationException(
                $"Database:Provider is '{providerName}'. Use 'sqlite' (the default) or 'postgres'."),
        };

        var dataDirectory = Path.GetFullPath(configuration["MedAtlas:DataDirectory"] is { Length: > 0 } dir ? dir : "./data", contentRoot);
        var connectionString = configuration.GetConnectionString("Default");

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new MedAtlasConfigurationException(
                    "Database:Provider is 'postgres' but ConnectionStrings:Default is empty. " +
                    "Set it, e.g. ConnectionStrings__Default=\"Host=localhost;Database=medatlas;Username=medatlas;Password=...\".");
            }

            // Default Timeout is how long SQLite waits on a locked database before giving up;
            // imports write while the site reads, so the default 30 s is kept deliberately.
            connectionString = $"Data Source={Path.Combine(dataDirectory, DefaultSqliteFileName)};Default Timeout=30";
        }

        return new DatabaseSettings(provider, connectionString, dataDirectory);
    }
}
