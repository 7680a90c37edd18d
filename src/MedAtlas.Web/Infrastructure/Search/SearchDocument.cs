using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MedAtlas.Web.Infrastructure.Search;

/// <summary>
/// One searchable thing of any feature (an article, a community topic, a question): the plain text the full-text
/// index reads. Written only through <see cref="FullTextIndex"/>; the index structures over it (SQLite FTS5 table and
/// triggers, PostgreSQL tsvector column and GIN index) are raw SQL in the FullTextSearch migrations, which EF does not model.
/// </summary>
internal sealed class SearchDocument
{
    public long Id { get; set; }

    /// <summary>What it is, in the owning feature's words: "article", "topic", "question".</summary>
    public required string Kind { get; set; }

    /// <summary>The owning feature's id of it, as text.</summary>
    public required string Key { get; set; }

    public required string Title { get; set; }

    /// <summary>Plain text: the caller strips Markdown and HTML first.</summary>
    public required string Body { get; set; }

    /// <summary>Where it belongs, for searching within one place (a group id, a center slug); null if nowhere in particular.</summary>
    public string? Scope { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    public const string Table = "search_documents";

    public void Configure(EntityTypeBuilder<SearchDocument> builder)
    {
        builder.ToTable(Table);
        builder.Property(d => d.Kind).HasMaxLength(FullTextIndex.MaxKindLength);
        builder.Property(d => d.Key).HasMaxLength(FullTextIndex.MaxKeyLength);
        builder.Property(d => d.Title).HasMaxLength(FullTextIndex.MaxTitleLength);
        builder.Property(d => d.Scope).HasMaxLength(FullTextIndex.MaxKeyLength);
        builder.HasIndex(d => new { d.Kind, d.Key }).IsUnique();
        builder.HasIndex(d => new { d.Kind, d.Scope });
    }
}
