using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.HealthCenters.Editorial;

/// <summary>Who acts on content: the signed-in account, its display name, credentials (if any) and staff roles.</summary>
internal sealed record EditorialActor(string AccountId, string Name, string? Credentials, IReadOnlySet<string> Roles)
{
    public bool Is(string role) => Roles.Contains(role) || Roles.Contains(StaffRoles.Admin);

    public bool IsEditor => Is(StaffRoles.Editor);

    /// <summary>Writers, Editors and Admins draft content.</summary>
    public bool CanWrite => Is(StaffRoles.Writer) || IsEditor;

    /// <summary>The draft's author (a writer) or an Editor edits and submits it.</summary>
    public bool CanEdit(ContentRevision draft) => CanWrite && (draft.AuthorAccountId == AccountId || IsEditor);

    public bool CanSubmit(ContentRevision draft) => draft.AuthorAccountId == AccountId || IsEditor;

    /// <summary>A Medical reviewer who is not the author reviews: the hard gate is about the person, not the role.</summary>
    public bool CanReview(ContentRevision revision) => Roles.Contains(StaffRoles.MedicalReviewer) && revision.AuthorAccountId != AccountId;
}

/// <summary>The outcome of a workflow action: success, or a clear refusal to show the user (never an exception).</summary>
internal sealed record WorkflowResult(bool Succeeded, string? Error, int? RevisionId = null, string? Field = null)
{
    public static WorkflowResult Ok(int revisionId) => new(true, null, revisionId);

    /// <summary>A refusal; <paramref name="field"/> names the form field it is about, if one.</summary>
    public static WorkflowResult Refused(string error, string? field = null) => new(false, error, Field: field);
}

/// <summary>
/// Issue 11's editorial workflow with the hard review gate. Every rule lives here, not in pages: a page only shows the
/// actions this service would allow. Each change writes its <see cref="ContentEvent"/>, stages the search index and bumps the
/// health content stamp in the same SaveChanges.
/// </summary>
internal sealed partial class ContentWorkflow(
    MedAtlasDbContext db, HealthRendering rendering, HealthCentersSettings settings, HealthSearchIndex search, SlideImages images, TimeProvider time)
{
    public const string Stamp = "health-content";

    // The column lengths of ContentRevision's configuration: longer input is refused, never a database error.
    private const int TitleLength = 300;
    private const int SummaryLength = 1000;
    private const int BodyLength = 200_000;
    private const int CommentLength = 2000;
    private const int MaxSlides = 60;
    private const int SlideTitleLength = 300;
    private const int SlideImageLength = 200;
    private const int SlideAltLength = 1000;

    /// <summary>Starts a new Draft revision of <paramref name="itemId"/> copied from <paramref name="sourceRevisionId"/>
    /// (editing a published item, or restoring an old revision). The live revision stays published.</summary>
    public async Task<WorkflowResult> DraftFromAsync(EditorialActor actor, int itemId, int sourceRevisionId, CancellationToken cancellationToken)
    {
        if (!actor.CanWrite)
            return WorkflowResult.Refused("Only Writers, Editors and Admins can draft content.");
        var source = await db.Set<ContentRevision>().Include(r => r.Slides).Include(r => r.Video)
            .FirstOrDefaultAsync(r => r.Id == sourceRevisionId && r.ItemId == itemId, cancellationToken);
        if (source is null)
            return WorkflowResult.Refused("That revision does not exist.");
        var number = await db.Set<ContentRevision>().Where(r => r.ItemId == itemId).MaxAsync(r => r.Number, cancellationToken) + 1;
        var draft = new ContentRevision
        {
            ItemId = itemId,
            Number = number,
            State = RevisionState.Draft,
            Title = source.Title,
            Summary = source.Summary,
            BodyMarkdown = source.BodyMarkdown,
            BodyHtml = source.BodyHtml,
            SourcesHtml = source.SourcesHtml,
            SourceCount = source.SourceCount,
            TableOfContents = [.. source.TableOfContents],
            Topics = [.. source.Topics],
            ConditionSlugs = [.. source.ConditionSlugs],
            DrugSlugs = [.. source.DrugSlugs],
            Medical = source.Medical,
            AuthorAccountId = actor.AccountId,
            AuthorName = actor.Name,
            WrittenOn = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
            CreatedAt = time.GetUtcNow(),
            Slides = [.. source.Slides.Select(s => new ContentSlide
            {
                Position = s.Position, Title = s.Title, Image = s.Image, Alt = s.Alt,
                CaptionMarkdown = s.CaptionMarkdown, CaptionHtml = s.CaptionHtml,
            })],
            // A video's draft keeps its files: only its text (title, summary, transcript) is edited here.
            Video = source.Video is { } video
                ? new ContentVideo { File = video.File, Captions = video.Captions, Poster = video.Poster, DurationSeconds = video.DurationSeconds }
                : null,
        };
        db.Add(draft);
        Record(draft, source.State is RevisionState.Superseded or RevisionState.Unpublished ? "Restored" : "Drafted", actor,
            $"From revision {source.Number}.");
        return await SaveAsync(draft, cancellationToken);
    }

    /// <summary>Starts a new article in <paramref name="centerSlug"/>: an item with no published revision and a first Draft.</summary>
    public async Task<WorkflowResult> CreateArticleAsync(EditorialActor actor, string centerSlug, string slug, string title, CancellationToken cancellationToken)
    {
        if (!actor.CanWrite)
            return WorkflowResult.Refused("Only Writers, Editors and Admins can draft content.");
        var center = await db.Set<HealthCenter>().FirstOrDefaultAsync(c => c.Slug == centerSlug, cancellationToken);
        if (center is null)
            return WorkflowResult.Refused("Choose a health center.", "Center");
        slug = (slug ?? "").Trim();
        if (!SlugPattern().IsMatch(slug))
            return WorkflowResult.Refused("Use 2 to 150 lower-case letters, digits and single hyphens, like \"insulin-pumps\".", "Slug");
        if (await db.Set<ContentItem>().AnyAsync(i => i.Kind == ContentKind.Article && i.CenterId == center.Id && i.Slug == slug, cancellationToken))
            return WorkflowResult.Refused("This center already has an article at that address.", "Slug");
        if (TitleProblem(title) is { } problem)
            return WorkflowResult.Refused(problem, "Title");

        var now = time.GetUtcNow();
        var item = new ContentItem { Kind = ContentKind.Article, Center = center, Slug = slug, Origin = ContentOrigin.Editor, CreatedAt = now };
        var html = rendering.Article("");
        var draft = new ContentRevision
        {
            Item = item, Number = 1, State = RevisionState.Draft, Title = title.Trim(), Summary = "", BodyMarkdown = "",
            BodyHtml = html.BodyHtml, AuthorAccountId = actor.AccountId, AuthorName = actor.Name,
            WrittenOn = DateOnly.FromDateTime(now.UtcDateTime), CreatedAt = now,
        };
        db.Add(draft);
        Record(draft, "Drafted", actor, null);
        return await SaveAsync(draft, cancellationToken);
    }

    /// <summary>
    /// Edits a Draft: its author or an Editor/Admin. An article's or a video's body is Markdown (a video's is its transcript);
    /// a slideshow's is its slides, read by <see cref="SlideParse"/>: each is checked, and the slides are rewritten from it.
    /// </summary>
    public async Task<WorkflowResult> EditDraftAsync(EditorialActor actor, int revisionId, string title, string summary, string bodyMarkdown, CancellationToken cancellationToken)
    {
        var revision = await db.Set<ContentRevision>().Include(r => r.Slides).Include(r => r.Item)
            .FirstOrDefaultAsync(r => r.Id == revisionId, cancellationToken);
        if (revision is null)
            return WorkflowResult.Refused("That revision does not exist.");
        if (revision.State != RevisionState.Draft)
            return WorkflowResult.Refused("Only a draft can be edited; start a new draft instead.");
        if (!actor.CanEdit(revision))
            return WorkflowResult.Refused("Only the draft's author or an Editor can edit it.");
        if (TitleProblem(title) is { } problem)
            return WorkflowResult.Refused(problem, "Title");
        summary ??= "";
        bodyMarkdown ??= "";
        if (summary.Trim().Length > SummaryLength)
            return WorkflowResult.Refused($"The summary can have at most {SummaryLength} characters.", "Summary");
        if (bodyMarkdown.Length > BodyLength)
            return WorkflowResult.Refused($"The text can have at most {BodyLength:N0} characters.", "Body");
        if (revision.Item.Kind == ContentKind.Slideshow)
        {
            if (await SlidesProblemAsync(revision, bodyMarkdown, cancellationToken) is { } slidesProblem)
                return WorkflowResult.Refused(slidesProblem, "Body");
        }
        else
        {
            var html = rendering.Article(bodyMarkdown);
            revision.BodyHtml = html.BodyHtml;
            revision.SourcesHtml = html.SourcesHtml;
            revision.SourceCount = html.SourceCount;
            revision.TableOfContents = [.. html.Headings.Select(h => new TocEntry(h.Level, h.Id, h.Text))];
        }

        revision.Title = title.Trim();
        revision.Summary = summary.Trim();
        revision.BodyMarkdown = bodyMarkdown;
        Record(revision, "Edited", actor, null);
        return await SaveAsync(revision, cancellationToken);
    }

    /// <summary>
    /// Reads a slideshow draft's slides from <paramref name="body"/> and, when every slide is sound, rewrites the revision's
    /// slides and sources from them (rows updated by position; extra rows removed). Returns the first problem otherwise, and
    /// then changes nothing.
    /// </summary>
    private async Task<string?> SlidesProblemAsync(ContentRevision revision, string body, CancellationToken cancellationToken)
    {
        var parsed = SlideParse.Read(body);
        if (parsed.Problem is { } problem)
            return problem;
        if (parsed.Slides.Count > MaxSlides)
            return $"A slideshow can have at most {MaxSlides} slides (this one has {parsed.Slides.Count}).";
        for (var i = 0; i < parsed.Slides.Count; i++)
        {
            var slide = parsed.Slides[i];
            var label = $"Slide {i + 1}";
            if (slide.Title.Length > SlideTitleLength)
                return $"{label}: the title can have at most {SlideTitleLength} characters.";
            if (slide.Alt.Length > SlideAltLength)
                return $"{label}: the alt text can have at most {SlideAltLength} characters.";
            if (slide.Caption.Length == 0)
                return $"{label} (\"{slide.Title}\") needs a caption under its image and alt lines.";
            if (slide.Image.Length > SlideImageLength)
                return $"{label}: the image address can have at most {SlideImageLength} characters.";
            if (await images.ProblemAsync(slide.Image, cancellationToken) is { } imageProblem)
                return $"{label}: {imageProblem}";
        }

        SlideshowHtml html;
        try
        {
            html = rendering.Slideshow(revision.Item.Slug, [.. parsed.Slides.Select(s => s.Caption)], parsed.SourcesMarkdown);
        }
        catch (InvalidDataException)
        {
            return "A caption could not be told apart from the next one; check each slide starts with its own '## ' line.";
        }

        var rows = revision.Slides.OrderBy(s => s.Position).ToList();
        for (var i = 0; i < parsed.Slides.Count; i++)
        {
            var slide = parsed.Slides[i];
            var row = i < rows.Count ? rows[i] : null;
            if (row is null)
            {
                row = new ContentSlide { Position = i + 1, Title = "", Image = "", Alt = "", CaptionMarkdown = "", CaptionHtml = "" };
                revision.Slides.Add(row);
            }

            row.Title = slide.Title;
            row.Image = slide.Image;
            row.Alt = slide.Alt;
            row.CaptionMarkdown = slide.Caption;
            row.CaptionHtml = html.Captions[i];
        }

        foreach (var extra in rows.Skip(parsed.Slides.Count))
            db.Remove(extra);
        revision.BodyHtml = "";
        revision.SourcesHtml = html.SourcesHtml;
        revision.SourceCount = html.SourceCount;
        revision.TableOfContents = [];
        return null;
    }

    public Task<WorkflowResult> SubmitAsync(EditorialActor actor, int revisionId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, "Submitted", null, revisionId, revision =>
        {
            if (revision.State != RevisionState.Draft)
                return "Only a draft can be submitted for review.";
            if (!actor.CanSubmit(revision))
                return "Only the draft's author or an Editor can submit it.";
            revision.State = RevisionState.InReview;
            return null;
        }, cancellationToken);

    /// <summary>A Medical reviewer other than the author approves: records the reviewer's account, name and credentials.</summary>
    public Task<WorkflowResult> ApproveAsync(EditorialActor actor, int revisionId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, "Approved", null, revisionId, revision =>
        {
            if (ReviewRefusal(actor, revision) is { } refusal)
                return refusal;
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            revision.State = RevisionState.Approved;
            revision.ReviewerAccountId = actor.AccountId;
            revision.ReviewerName = actor.Name;
            revision.ReviewerCredentials = actor.Credentials;
            revision.ReviewedOn = today;
            revision.ReviewValidUntil = settings.ValidUntil(today);
            return null;
        }, cancellationToken);

    public Task<WorkflowResult> SendBackAsync(EditorialActor actor, int revisionId, string comment, CancellationToken cancellationToken) =>
        ChangeAsync(actor, "SentBack", comment?.Trim(), revisionId, revision =>
        {
            if (ReviewRefusal(actor, revision) is { } refusal)
                return refusal;
            if (string.IsNullOrWhiteSpace(comment))
                return "Say what needs to change.";
            if (comment.Trim().Length > CommentLength)
                return $"Keep the comment under {CommentLength} characters.";
            revision.State = RevisionState.Draft;
            return null;
        }, cancellationToken);

    /// <summary>Publishes now (<paramref name="at"/> null) or schedules. Only Editors/Admins, only a gated revision.</summary>
    public Task<WorkflowResult> PublishAsync(EditorialActor actor, int revisionId, DateTimeOffset? at, CancellationToken cancellationToken) =>
        ChangeAsync(actor, at is { } later && later > time.GetUtcNow() ? "Scheduled" : "Published",
            at is { } on && on > time.GetUtcNow() ? $"For {on.ToUniversalTime():yyyy-MM-dd HH:mm} UTC." : null, revisionId, revision =>
        {
            if (!actor.IsEditor)
                return "Only Editors and Admins can publish.";
            if (GateRefusal(revision, time.GetUtcNow()) is { } refusal)
                return refusal;
            if (at is { } when && when > time.GetUtcNow())
            {
                // PostgreSQL's timestamptz takes only UTC offsets.
                revision.PublishAt = when.ToUniversalTime();
                return null;
            }

            return PublishNow(revision);
        }, cancellationToken);

    public Task<WorkflowResult> UnpublishAsync(EditorialActor actor, int revisionId, string reason, CancellationToken cancellationToken) =>
        ChangeAsync(actor, "Unpublished", reason?.Trim(), revisionId, revision =>
        {
            if (!actor.IsEditor)
                return "Only Editors and Admins can unpublish.";
            if (revision.State != RevisionState.Published)
                return "Only a published revision can be unpublished.";
            if (string.IsNullOrWhiteSpace(reason))
                return "Give a reason for unpublishing.";
            if (reason.Trim().Length > CommentLength)
                return $"Keep the reason under {CommentLength} characters.";
            revision.State = RevisionState.Unpublished;
            revision.Item.PublishedRevision = null;
            revision.Item.PublishedRevisionId = null;
            // Only a published article can be featured: publishing it again does not put it back on Today by itself.
            revision.Item.Featured = false;
            return null;
        }, cancellationToken);

    /// <summary>
    /// Features an article (first on its center and in the home page's "Today" strip) or stops featuring it: an editor's
    /// choice, recorded in the history. Only Editors/Admins, only articles, only one that is published.
    /// </summary>
    public Task<WorkflowResult> SetFeaturedAsync(EditorialActor actor, int revisionId, bool featured, CancellationToken cancellationToken) =>
        ChangeAsync(actor, featured ? "Featured" : "Unfeatured", null, revisionId, revision =>
        {
            var item = revision.Item;
            if (!actor.IsEditor)
                return "Only Editors and Admins choose what is featured.";
            if (item.Kind != ContentKind.Article)
                return "Only articles are featured; slideshows and videos have their own rows on the home page.";
            if (featured && item.PublishedRevisionId is null)
                return "Only a published article can be featured.";
            if (item.Featured == featured)
                return featured ? "This article is already featured." : "This article is not featured.";
            item.Featured = featured;
            return null;
        }, cancellationToken);

    /// <summary>
    /// Publishes every approved revision whose time has come, checking the gate again (a review may have expired while it
    /// waited; such a revision stays approved and unscheduled, and the history says why). Run by <see cref="ScheduledPublisher"/>.
    /// </summary>
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Scheduled revisions are few (an editor sets each by hand); SQLite cannot compare or order DateTimeOffset
        // columns in SQL, so the time is checked here.
        var scheduled = await db.Set<ContentRevision>()
            .Where(r => r.State == RevisionState.Approved && r.PublishAt != null)
            .Include(r => r.Slides).Include(r => r.Item).ThenInclude(i => i.Center)
            .Include(r => r.Item).ThenInclude(i => i.PublishedRevision)
            .ToListAsync(cancellationToken);
        var due = scheduled.Where(r => r.PublishAt <= now).OrderBy(r => r.PublishAt).ThenBy(r => r.Id).ToList();
        var published = 0;
        foreach (var revision in due)
        {
            if (GateRefusal(revision, now) is { } refusal)
            {
                revision.PublishAt = null;
                Record(revision, "NotPublished", null, refusal);
                continue;
            }

            PublishNow(revision);
            Record(revision, "Published", null, "At its scheduled time.");
            published++;
        }

        if (due.Count > 0)
        {
            await StageSearchAsync(due, cancellationToken);
            await DataStamps.BumpAsync(db, Stamp, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return published;
    }

    /// <summary>Why <paramref name="revision"/> may not go live now (null when it may): the hard review gate.</summary>
    public static string? GateRefusal(ContentRevision revision, DateTimeOffset now)
    {
        if (revision.State != RevisionState.Approved)
            return "Only an approved revision can be published.";
        if (revision.Medical && (revision.ReviewerAccountId is null || revision.ReviewerAccountId == revision.AuthorAccountId))
            return "Medical content needs a recorded review by a Medical reviewer other than its author.";
        if (revision.ReviewValidUntil is { } until && until < DateOnly.FromDateTime(now.UtcDateTime))
            return "The medical review has expired; it must be reviewed again.";
        return null;
    }

    private string? PublishNow(ContentRevision revision)
    {
        var item = revision.Item;
        // From now on an editor owns the item: the starter loader leaves it alone.
        item.Origin = ContentOrigin.Editor;
        var live = item.PublishedRevision;
        if (live is not null && live.Id != revision.Id)
            live.State = RevisionState.Superseded;
        revision.State = RevisionState.Published;
        revision.PublishedAt = time.GetUtcNow();
        revision.PublishAt = null;
        item.PublishedRevision = revision;
        item.PublishedRevisionId = revision.Id;
        return null;
    }

    private static string? ReviewRefusal(EditorialActor actor, ContentRevision revision)
    {
        if (!actor.Roles.Contains(StaffRoles.MedicalReviewer))
            return "Only Medical reviewers can review content.";
        if (revision.AuthorAccountId == actor.AccountId)
            return "You cannot review your own article.";
        return revision.State == RevisionState.InReview ? null : "Only a revision in review can be reviewed.";
    }

    private async Task<WorkflowResult> ChangeAsync(
        EditorialActor actor, string action, string? comment, int revisionId, Func<ContentRevision, string?> change, CancellationToken cancellationToken)
    {
        var revision = await db.Set<ContentRevision>().Include(r => r.Slides)
            .Include(r => r.Item).ThenInclude(i => i.Center)
            .Include(r => r.Item).ThenInclude(i => i.PublishedRevision)
            .FirstOrDefaultAsync(r => r.Id == revisionId, cancellationToken);
        if (revision is null)
            return WorkflowResult.Refused("That revision does not exist.");
        if (change(revision) is { } refusal)
            return WorkflowResult.Refused(refusal);
        Record(revision, action, actor, comment);
        await StageSearchAsync([revision], cancellationToken);
        return await SaveAsync(revision, cancellationToken);
    }

    /// <summary>What search shows follows what is published: each changed revision's item, as it stands now.</summary>
    private async Task StageSearchAsync(IEnumerable<ContentRevision> changed, CancellationToken cancellationToken)
    {
        foreach (var item in changed.Select(r => r.Item).Distinct())
        {
            if (item.PublishedRevision is { } live)
                await search.StageAsync(item, live, cancellationToken);
            else
                await search.StageRemoveAsync(item, cancellationToken);
        }
    }

    private void Record(ContentRevision revision, string action, EditorialActor? actor, string? comment) =>
        db.Add(new ContentEvent
        {
            ItemId = revision.ItemId,
            Item = revision.ItemId == 0 ? revision.Item : null,
            Revision = revision,
            Action = action,
            ActorAccountId = actor?.AccountId,
            ActorName = actor?.Name ?? "Scheduled publication",
            Comment = comment,
            At = time.GetUtcNow(),
        });

    private static string? TitleProblem(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "The title is required."
        : title.Trim().Length > TitleLength ? $"The title can have at most {TitleLength} characters."
        : null;

    [System.Text.RegularExpressions.GeneratedRegex("^(?=.{2,150}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex SlugPattern();

    private async Task<WorkflowResult> SaveAsync(ContentRevision revision, CancellationToken cancellationToken)
    {
        await DataStamps.BumpAsync(db, Stamp, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return WorkflowResult.Ok(revision.Id);
    }
}
