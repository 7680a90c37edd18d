namespace MedAtlas.Web.Features.Moderation;

/// <summary>
/// Where a piece of written content stands. Only <see cref="Published"/> content is shown to the public and counted
/// in aggregates (a drug's ratings); the author and moderators see it in every state.
/// </summary>
internal enum ContentState
{
    Published,

    /// <summary>Waiting for a moderator before anyone else sees it (a new account's first post, text posted on several pages).</summary>
    Held,

    /// <summary>Taken out of view pending review: by a moderator, or automatically once enough different accounts reported it.</summary>
    Hidden,

    /// <summary>Removed by a moderator with a reason the author sees; the author may appeal once.</summary>
    Removed,
}

/// <summary>One piece of content as moderation sees it: what it is, who wrote it, where it is shown, its state.</summary>
/// <param name="Type">The content type's key (<see cref="IModeratedContent.Type"/>): "review".</param>
/// <param name="AuthorId">The writer's account; null once the account was deleted and the content kept anonymised.</param>
/// <param name="Title">"Review of Sertraline for depression": what a moderator reads in the queue.</param>
/// <param name="Text">The content's own words, plain text, for the moderator to judge (rendered as text, never HTML).</param>
/// <param name="Path">Where it is shown on the site, with its anchor: "/drugs/sertraline/reviews#review-12".</param>
internal sealed record ModeratedItem(string Type, long Id, string? AuthorId, string Title, string Text, string Path, ContentState State, DateTime WrittenAt);

/// <summary>
/// The one small interface a content type implements to plug into moderation (reviews now; community posts and
/// answers later). Register with <c>services.AddScoped&lt;IModeratedContent, X&gt;()</c>. Moderation never reads a
/// content type's tables: it asks through this.
/// </summary>
internal interface IModeratedContent
{
    /// <summary>A short stable key stored with reports and cases: "review", "post", "answer".</summary>
    string Type { get; }

    /// <summary>What it is, in words, for the queue: "Drug review".</summary>
    string Label { get; }

    /// <summary>The item in any state, or null when it does not exist (deleted).</summary>
    Task<ModeratedItem?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the item from <paramref name="from"/> to <paramref name="to"/> as a compare-and-set, with whatever the
    /// content keeps in step (a drug's review aggregates), inside the caller's transaction. False when the item is
    /// gone or no longer in <paramref name="from"/> (someone else acted first): the caller then changes nothing.
    /// </summary>
    Task<bool> SetStateAsync(long id, ContentState from, ContentState to, CancellationToken cancellationToken);

    /// <summary>How many of the author's items of this type are published: what tells a first-time writer from a known one.</summary>
    Task<int> PublishedCountAsync(string authorId, CancellationToken cancellationToken);
}
