using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Infrastructure.Jobs;

/// <summary>
/// One row per named background job: its lease (which node may run it now) and how its last run went,
/// shown to Admins on /admin/jobs.
/// </summary>
internal sealed class JobState
{
    public required string Name { get; set; }

    /// <summary>The node that holds the lease; another node may take it once <see cref="LeaseUntil"/> has passed.</summary>
    public string? LeaseHolder { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public DateTime? LastStartedAt { get; set; }

    public DateTime? LastFinishedAt { get; set; }

    public long LastDurationMs { get; set; }

    /// <summary>Null when the last run succeeded.</summary>
    public string? LastError { get; set; }

    public string? LastNode { get; set; }

    public int ConsecutiveFailures { get; set; }

    public long Runs { get; set; }
}

internal sealed class JobStateConfiguration : IEntityTypeConfiguration<JobState>
{
    public void Configure(EntityTypeBuilder<JobState> builder)
    {
        builder.ToTable("job_states");
        builder.HasKey(j => j.Name);
        builder.Property(j => j.Name).HasMaxLength(100);
        builder.Property(j => j.LeaseHolder).HasMaxLength(100);
        builder.Property(j => j.LastNode).HasMaxLength(100);
        builder.Property(j => j.LastError).HasMaxLength(1000);
    }
}
