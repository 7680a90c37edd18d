using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Features.Reviews;

internal sealed class DrugReviewConfiguration : IEntityTypeConfiguration<DrugReview>
{
    public const int TextMinLength = 20;
    public const int TextMaxLength = 5000;
    public const int OtherSideEffectsMaxLength = 500;

    public void Configure(EntityTypeBuilder<DrugReview> builder)
    {
        builder.ToTable("drug_reviews");
        builder.Property(r => r.AccountId).HasMaxLength(450);
        builder.Property(r => r.WriterKey).HasMaxLength(450);
        builder.Property(r => r.Text).HasMaxLength(TextMaxLength);
        builder.Property(r => r.TextHash).HasMaxLength(64);
        builder.Property(r => r.OtherSideEffects).HasMaxLength(OtherSideEffectsMaxLength);
        builder.Property(r => r.Role).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.AgeRange).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.Sex).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.TimeOnMedicine).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(12);

        // One review per writer, drug and condition; ConditionKey makes "other" (a null condition) a value here.
        builder.HasIndex(r => new { r.WriterKey, r.DrugId, r.ConditionKey }).IsUnique();

        // The reviews page: a drug's published reviews, newest or most helpful first, optionally for one condition.
        builder.HasIndex(r => new { r.DrugId, r.State, r.CreatedAt });
        builder.HasIndex(r => new { r.DrugId, r.State, r.HelpfulCount });
        builder.HasIndex(r => new { r.DrugId, r.State, r.ConditionId, r.CreatedAt });
        builder.HasIndex(r => r.AccountId);
        builder.HasIndex(r => r.TextHash);

        builder.HasOne<Drug>().WithMany().HasForeignKey(r => r.DrugId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Condition>().WithMany().HasForeignKey(r => r.ConditionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.SideEffects).WithOne().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DrugReviewSideEffectConfiguration : IEntityTypeConfiguration<DrugReviewSideEffect>
{
    public void Configure(EntityTypeBuilder<DrugReviewSideEffect> builder)
    {
        builder.ToTable("drug_review_side_effects");
        builder.HasKey(s => new { s.ReviewId, s.Key });
        builder.Property(s => s.Key).HasMaxLength(200);
        builder.Property(s => s.Label).HasMaxLength(200);
    }
}

internal sealed class DrugReviewRevisionConfiguration : IEntityTypeConfiguration<DrugReviewRevision>
{
    public void Configure(EntityTypeBuilder<DrugReviewRevision> builder)
    {
        builder.ToTable("drug_review_revisions");
        builder.Property(r => r.Text).HasMaxLength(DrugReviewConfiguration.TextMaxLength);
        builder.HasIndex(r => new { r.ReviewId, r.Version }).IsUnique();
        builder.HasOne<DrugReview>().WithMany().HasForeignKey(r => r.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewHelpfulVoteConfiguration : IEntityTypeConfiguration<ReviewHelpfulVote>
{
    public void Configure(EntityTypeBuilder<ReviewHelpfulVote> builder)
    {
        builder.ToTable("review_helpful_votes");
        builder.HasKey(v => new { v.ReviewId, v.AccountId });
        builder.Property(v => v.AccountId).HasMaxLength(450);
        builder.HasIndex(v => v.AccountId);
        builder.HasOne<DrugReview>().WithMany().HasForeignKey(v => v.ReviewId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DrugReviewStatsConfiguration : IEntityTypeConfiguration<DrugReviewStats>
{
    public void Configure(EntityTypeBuilder<DrugReviewStats> builder)
    {
        builder.ToTable("drug_review_stats");
        builder.HasKey(s => new { s.DrugId, s.ConditionKey });
        // Condition pages sort their drugs by average satisfaction for that condition.
        builder.HasIndex(s => new { s.ConditionKey, s.DrugId });
        builder.HasOne<Drug>().WithMany().HasForeignKey(s => s.DrugId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DrugSideEffectStatsConfiguration : IEntityTypeConfiguration<DrugSideEffectStats>
{
    public void Configure(EntityTypeBuilder<DrugSideEffectStats> builder)
    {
        builder.ToTable("drug_side_effect_stats");
        builder.HasKey(s => new { s.DrugId, s.Key });
        builder.Property(s => s.Key).HasMaxLength(200);
        builder.Property(s => s.Label).HasMaxLength(200);
        builder.HasIndex(s => new { s.DrugId, s.Count });
        builder.HasOne<Drug>().WithMany().HasForeignKey(s => s.DrugId).OnDelete(DeleteBehavior.Cascade);
    }
}
