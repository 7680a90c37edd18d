using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.HealthCenters;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.HealthCenters;

/// <summary>The starter loader: a changed file is a new published revision, an editor's item is left alone, a removed file is unpublished.</summary>
public sealed class HealthStarterDataTests : IAsyncLifetime
{
    private readonly HealthFixtureApp app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        app.CreateClient().Dispose();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Loading_creates_items_with_one_published_revision_by_the_editorial_team()
    {
        var items = await app.WithDbAsync(db => db.Set<ContentItem>().Include(i => i.Revisions).Include(i => i.PublishedRevision).ThenInclude(r => r!.Slides).ToListAsync(Ct));

        Assert.Equal(3, items.Count(i => i.Kind == ContentKind.Article));
        Assert.Single(items, i => i.Kind == ContentKind.Slideshow);
        Assert.All(items, i =>
        {
            var revision = Assert.Single(i.Revisions);
            Assert.Equal(revision.Id, i.PublishedRevisionId);
            Assert.Equal(RevisionState.Published, revision.State);
            Assert.Equal(1, revision.Number);
            Assert.Equal(ContentOrigin.Starter, i.Origin);
            Assert.Null(revision.AuthorAccountId);
            Assert.Equal("the MedAtlas editorial team", revision.AuthorName);
            Assert.Equal("the MedAtlas editorial team", revision.ReviewerName);
            Assert.Equal(revision.ReviewedOn!.Value.AddMonths(12), revision.ReviewValidUntil);
            Assert.True(revision.SourceCount >= 2);
        });
        var pumps = items.Single(i => i.Slug == "insulin-pumps").PublishedRevision!;
        Assert.Equal(["how-a-pump-works", "basal-and-bolus", "is-a-pump-right-for-you"], pumps.TableOfContents.Select(t => t.Id));
        Assert.Equal([2, 3, 2], pumps.TableOfContents.Select(t => t.Level));
        Assert.Equal(2, items.Single(i => i.Kind == ContentKind.Slideshow).PublishedRevision!.Slides.Count);
    }

    [Fact]
    public async Task A_newer_file_publishes_a_new_revision_and_an_editor_s_item_is_left_alone_and_a_removed_file_is_unpublished()
    {
        var pumps = Path.Combine(app.HealthSeed, "articles", "diabetes", "insulin-pumps.md");
        var checking = Path.Combine(app.HealthSeed, "articles", "diabetes", "checking-blood-sugar.md");
        await app.WithDbAsync(async db =>
        {
            var item = await db.Set<ContentItem>().SingleAsync(i => i.Slug == "checking-blood-sugar", Ct);
            item.Origin = ContentOrigin.Editor;
            // An editor stopped featuring the pumps article, whose file says "featured: true".
            (await db.Set<ContentItem>().SingleAsync(i => i.Slug == "insulin-pumps", Ct)).Featured = false;
            return await db.SaveChangesAsync(Ct);
        });
        await File.WriteAllTextAsync(pumps, (await File.ReadAllTextAsync(pumps, Ct)).Replace("What Are Insulin Pumps?", "What Is an Insulin Pump?", StringComparison.Ordinal), Ct);
        await File.WriteAllTextAsync(checking, (await File.ReadAllTextAsync(checking, Ct)).Replace("Checking Your Blood Sugar", "Changed by the seed", StringComparison.Ordinal), Ct);
        File.Delete(Path.Combine(app.HealthSeed, "articles", "heart-health", "blood-pressure-basics.md"));

        var (exitCode, output) = await app.RunCommandAsync("migrate");
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var updated = await client.GetStringAsync("/health/diabetes/insulin-pumps", Ct);
        var kept = await client.GetStringAsync("/health/diabetes/checking-blood-sugar", Ct);
        var removed = await client.GetAsync("/health/heart-health/blood-pressure-basics", Ct);
        var revisions = await app.WithDbAsync(db => db.Set<ContentRevision>().Where(r => r.Item.Slug == "insulin-pumps").OrderBy(r => r.Number).ToListAsync(Ct));

        Assert.True(exitCode == 0, output);
        Assert.Contains("<h1 id=\"article-title\">What Is an Insulin Pump?</h1>", updated, StringComparison.Ordinal);
        Assert.Equal([RevisionState.Superseded, RevisionState.Published], revisions.Select(r => r.State));
        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.Contains("Checking Your Blood Sugar", kept, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, removed.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<ContentItem>().Where(i => i.Slug == "insulin-pumps").Select(i => i.Featured).SingleAsync(Ct)),
            "the starter file's flag must not undo an editor's choice");
    }
}

/// <summary>The re-review note: readers see it only once the review is out of date by more than the grace period.</summary>
public sealed class HealthReReviewTests : IAsyncLifetime
{
    private readonly TestClock clock = new() { Now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero) };
    private readonly HealthFixtureApp app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        app.WithServices(s => s.AddSingleton<TimeProvider>(clock));
        await app.InitializeAsync();
        app.CreateClient().Dispose();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_note_appears_only_after_review_valid_until_plus_the_grace_period()
    {
        using var client = app.CreateClient();
        // Reviewed 2026-11-25: valid until 2027-11-25, then 30 days' grace.
        async Task<bool> NoteShownOn(int year, int month, int day)
        {
            clock.Now = new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.Zero);
            return Html.Text(await client.GetStringAsync("/health/diabetes/insulin-pumps", Ct)).Contains("This article is being re-reviewed by our editorial team", StringComparison.Ordinal);
        }

        Assert.False(await NoteShownOn(2027, 11, 26));
        Assert.False(await NoteShownOn(2027, 12, 25));
        Assert.True(await NoteShownOn(2027, 12, 26));
    }
}
