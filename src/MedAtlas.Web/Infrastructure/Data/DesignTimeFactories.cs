using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MedAtlas.Web.Infrastructure.Data;

// Used only by `dotnet ef migrations add` (docs/architecture.md). The connection strings are placeholders:
// adding a migration never connects.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMedAtlasDbContext>
{
    public SqliteMedAtlasDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMedAtlasDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMedAtlasDbContext>
{
    public PostgresMedAtlasDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMedAtlasDbContext>().UseNpgsql("Host=localhost;Database=medatlas_design").Options);
}
