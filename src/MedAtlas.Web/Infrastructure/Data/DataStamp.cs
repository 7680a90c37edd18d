using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Infrastructure.Data;

/// <summary>
/// A counter a writer bumps in the same transaction as its change (an import, starter data), so readers that
/// cache (search indexes, page caches) know when to rebuild, even when the writer was another process.
/// </summary>
internal sealed class DataStamp
{
    public required string Name { get; set; }

    public long Version { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}

internal sealed class DataStampConfiguration : IEntityTypeConfiguration<DataStamp>
{
    public void Configure(EntityTypeBuilder<DataStamp> builder)
    {
        builder.ToTable("data_stamps");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(100);
    }
}

/// <summary>Reads stamps with a short in-memory cache; bumps them inside the caller's unit of work.</summary>
internal sealed class DataStamps(IServiceScopeFactory scopes, TimeProvider time)
{
    // A change made by another process (the import command) shows on the site within this time.
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);
    private readonly Lock gate = new();
    private readonly Dictionary<string, (long Version, long ReadAt)> cache = [];

    public async ValueTask<long> CurrentAsync(string name, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (cache.TryGetValue(name, out var cached) && time.GetElapsedTime(cached.ReadAt) < Freshness)
                return cached.Version;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var version = await db.Set<DataStamp>().AsNoTracking().Where(s => s.Name == name).Select(s => s.Version).FirstOrDefaultAsync(cancellationToken);
        lock (gate)
            cache[name] = (version, time.GetTimestamp());
        return version;
    }

    /// <summary>Marks <paramref name="name"/> changed; saved with the caller's SaveChanges.</summary>
    public static async Task BumpAsync(MedAtlasDbContext db, string name, CancellationToken cancellationToken)
    {
        var stamp = await db.Set<DataStamp>().FindAsync([name], cancellationToken);
        if (stamp is null)
        {
            stamp = new DataStamp { Name = name };
            db.Add(stamp);
        }

        stamp.Version++;
        stamp.ChangedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Forgets cached versions so the next read goes to the database (after an in-process write).</summary>
    public void Invalidate()
    {
        lock (gate)
            cache.Clear();
    }
}
