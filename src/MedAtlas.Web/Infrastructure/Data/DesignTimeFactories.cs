using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MedAtlas.Web.Infrastructure.Data;

// Used only by `dotnet ef migrations add` (docs/architecture.md). The connection strings are placeholders:
// adding a migration never connects.
// Identity builds its tables from IdentityOptions.Stores found in the app's services (schema version 3 adds
// passkeys); the factories give it the same options the app sets, so migrations match the running model.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMedAtlasDbContext>
{
    public SqliteMedAtlasDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMedAtlasDbContext>().UseSqlite("Data Source=design-time.db")
            .UseApplicationServiceProvider(DesignTimeServices.Identity).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMedAtlasDbContext>
{
    public PostgresMedAtlasDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMedAtlasDbContext>().UseNpgsql("Host=localhost;Database=medatlas_design")
            .UseApplicationServiceProvider(DesignTimeServices.Identity).Options);
}

internal static class DesignTimeServices
{
    public static IServiceProvider Identity { get; } = new ServiceCollection()
        .Configure<IdentityOptions>(AccountStoreOptions.Apply)
        .BuildServiceProvider();
}
