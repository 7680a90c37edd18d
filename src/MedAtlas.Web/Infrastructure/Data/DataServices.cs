using Microsoft.AspNetCore.DataProtection;
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

        // Keys that protect sign-in cookies, anti-forgery tokens and the links in mail must survive restarts and be
        // the same on every node: they live in the database every node shares, encrypted at rest with a
        // certificate when one is configured (docs/configuration.md).
        var protection = builder.Services.AddDataProtection()
            .SetApplicationName("MedAtlas")
            .PersistKeysToDbContext<MedAtlasDbContext>();
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            System.Security.Cryptography.X509Certificates.X509Certificate2 certificate;
            try
            {
                certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                    certificatePath, builder.Configuration["DataProtection:CertificatePassword"]);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new MedAtlasConfigurationException($"DataProtection:CertificatePath '{certificatePath}' could not be read as a PKCS#12 (.pfx) certificate: {e.Message}");
            }
            catch (IOException e)
            {
                throw new MedAtlasConfigurationException($"DataProtection:CertificatePath '{certificatePath}' could not be read: {e.Message}");
            }

            protection.ProtectKeysWithCertificate(certificate);
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<MedAtlasDbContext>("database", tags: [Observability.HealthEndpoints.DatabaseTag]);
        return builder;
    }
}
