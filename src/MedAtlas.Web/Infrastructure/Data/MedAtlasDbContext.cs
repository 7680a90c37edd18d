using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
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
/// Identity's tables (accounts, roles, passkeys) live in this same context, so an account's rows and the
/// change that caused a mail commit in one transaction. The context stays pooled: it holds no current
/// user; ownership is a filter each query states (<c>OwnedBy</c>), not context state.
/// </remarks>
internal abstract class MedAtlasDbContext(DbContextOptions options)
    : IdentityDbContext<Account>(options), IDataProtectionKeyContext
{
    public DbSet<StarterDataVersion> StarterDataVersions => Set<StarterDataVersion>();

    /// <summary>Data-protection keys, shared by every node that uses this database (docs/configuration.md).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MedAtlasDbContext).Assembly);
    }
}

internal sealed class SqliteMedAtlasDbContext(DbContextOptions<SqliteMedAtlasDbContext> options) : MedAtlasDbContext(options);

internal sealed class PostgresMedAtlasDbContext(DbContextOptions<PostgresMedAtlasDbContext> options) : MedAtlasDbContext(options);
