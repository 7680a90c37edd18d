using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Data;

internal static class DataServices
{
    /// <summary>Registers the DbContext for the configured provider, its dialect and the database health check.</summary>
    public static WebApplicationBuilder AddMedAtlasData(this WebApplicationBuilder builder)
    {
        var settings = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(settings);

        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.Services.AddSingleton<IDatabaseDialect, SqliteDialect>();
                builder.Services.AddDbContextPool<MedAtlasDbContext, SqliteMedAtlasDbContext>(options => options
                    .UseSqlite(settings.ConnectionString)
                    .AddInterceptors(new SqlitePragmas()));
                break;
            case DatabaseProvider.Postgres:
                builder.Services.AddSingleton<IDatabaseDialect, PostgresDialect>();
                builder.Services.AddDbContextPool<MedAtlasDbContext, PostgresMedAtlasDbContext>(options => options
                    .UseNpgsql(settings.ConnectionString));
                break;
        }

        builder.Services.AddScoped<DatabaseMigrator>();
        // Identity shapes its tables from these options, read from the app's services when the model is built;
        // without them the running model differs from the migrations (DesignTimeFactories sets the same).
        builder.Services.Configure<IdentityOptions>(AccountStoreOptions.Apply);

        // Keys that protect cookies and anti-forgery tokens must survive restarts; they live beside the data.
        builder.Services.AddDataProtection()
            .SetApplicationName("MedAtlas")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys")));
        builder.Services.AddHealthChecks().AddDbContextCheck<MedAtlasDbContext>("database");
        return builder;
    }
}
