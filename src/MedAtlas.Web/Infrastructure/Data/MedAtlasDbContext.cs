using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Data;

/// <summary>
/// The app's one DbContext. Each feature owns its entities and configures them in its own folder;
/// they are picked up from the assembly, so adding a feature never edits this file.
/// </summary>
/// <remarks>
/// Each provider has a derived context (<see cref="SqliteMedAtlasDbContext"/>, <see cref="PostgresMedAtlasDbContext"/>)
/// so that each keeps its own migrations: SQLite and PostgreSQL differ in types and defaults, and one
/// migration set cannot serve both. Everything else depends on this base type only.
/// </remarks>
internal abstract class MedAtlasDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<StarterDataVersion> StarterDataVersions => Set<StarterDataVersion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MedAtlasDbContext).Assembly);
    }
}

internal sealed class SqliteMedAtlasDbContext(DbContextOptions<SqliteMedAtlasDbContext> options) : MedAtlasDbContext(options);

internal sealed class PostgresMedAtlasDbContext(DbContextOptions<PostgresMedAtlasDbContext> options) : MedAtlasDbContext(options);
