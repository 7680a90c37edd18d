using System.Net;
using System.Net.Http.Headers;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.HealthCenters;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.HealthCenters;

/// <summary>
/// The starter videos as a visitor meets them: the page with its player, captions track, transcript and sources; the
/// files served with range requests (a player seeks by asking for part of the file); and the places that list them.
/// </summary>
public sealed class HealthVideoTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private const string Slug = "how-to-check-blood-sugar";

    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_video_page_has_the_player_with_captions_the_transcript_the_review_line_and_the_sources()
    {
        var html = await client.GetStringAsync($"/videos/{Slug}", Ct);
        var text = Html.Text(html);

        Assert.Contains("<h1 id=\"video-title\">How to Check Your Blood Sugar with a Meter</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"<source src=\"/health/videos/{Slug}.webm\" type=\"video/webm\">", html, StringComparison.Ordinal);
        Assert.Contains($"<track kind=\"captions\" src=\"/health/videos/{Slug}.vtt\" srclang=\"en\" label=\"English\" default>", html, StringComparison.Ordinal);
        Assert.Contains($"poster=\"/health/videos/{Slug}-poster.png\"", html, StringComparison.Ordinal);
        Assert.Matches(@"Video, (1 min \d+|[4-5]\d) s, with English captions", text);

        var transcript = Html.Text(html[html.IndexOf("id=\"transcript\"", StringComparison.Ordinal)..html.IndexOf("id=\"sources\"", StringComparison.Ordinal)]);
        Assert.Contains("Prick the side of your fingertip, not the pad in the middle.", transcript, StringComparison.Ordinal);
        Assert.Contains("Wash and dry your hands", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("image:", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(".svg", transcript, StringComparison.Ordinal);

        Assert.Contains("Medically reviewed by the MedAtlas editorial team on November 28, 2026", text, StringComparison.Ordinal);
        Assert.Contains("https://www.niddk.nih.gov/health-information/diabetes/overview/managing-diabetes", html[html.IndexOf("id=\"sources\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("href=\"/conditions/type-1-diabetes\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_video_file_answers_a_range_request_with_just_that_part()
    {
        var whole = await client.GetAsync($"/health/videos/{Slug}.webm", Ct);
        var bytes = await whole.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("video/webm", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", string.Join(",", whole.Headers.AcceptRanges));
        Assert.Equal([0x1A, 0x45, 0xDF, 0xA3], bytes[..4]);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/health/videos/{Slug}.webm");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        var part = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal($"bytes 1000-1999/{bytes.Length}", part.Content.Headers.ContentRange?.ToString());
        Assert.Equal(bytes[1000..2000], await part.Content.ReadAsByteArrayAsync(Ct));

        using var beyond = new HttpRequestMessage(HttpMethod.Get, $"/health/videos/{Slug}.webm");
        beyond.Headers.Range = new RangeHeaderValue(bytes.Length + 10, null);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await client.SendAsync(beyond, Ct)).StatusCode);
    }

    [Fact]
    public async Task Captions_and_poster_are_served_with_their_own_types_and_nosniff()
    {
        var captions = await client.GetAsync($"/health/videos/{Slug}.vtt", Ct);
        var poster = await client.GetAsync($"/health/videos/{Slug}-poster.png", Ct);

        Assert.Equal("text/vtt", captions.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("WEBVTT", await captions.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", captions.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("image/png", poster.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await poster.Content.ReadAsByteArrayAsync(Ct))[..4]);
    }

    [Theory]
    [InlineData("/videos/no-such-video")]
    [InlineData("/health/videos/no-such-video.webm")]
    [InlineData("/health/videos/how-to-check-blood-sugar.md")]
    [InlineData("/health/videos/README.md")]
    [InlineData("/health/videos/How-To-Check-Blood-Sugar.webm")]
    [InlineData("/health/videos/..%2Fcenters.json")]
    [InlineData("/health/videos/media")]
    public async Task Anything_but_a_published_video_or_its_files_is_404(string path)
    {
        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_center_the_home_page_the_sitemap_and_the_site_search_list_the_video()
    {
        var center = await client.GetStringAsync("/health/diabetes", Ct);
        var home = await client.GetStringAsync("/", Ct);
        var sitemap = await client.GetStringAsync("/sitemap.xml", Ct);
        var search = await client.GetStringAsync("/search?q=lancet", Ct);

        Assert.Contains("<h2 id=\"videos-title\">Videos</h2>", center, StringComparison.Ordinal);
        Assert.Contains($"href=\"/videos/{Slug}\"", center, StringComparison.Ordinal);
        Assert.Contains($"href=\"/videos/{Slug}\"", home, StringComparison.Ordinal);
        Assert.Contains($"/videos/{Slug}</loc>", sitemap, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/videos/{Slug}\">How to Check Your Blood Sugar with a Meter</a> <span class=\"badge\">Video</span>", search, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_transcript_goes_live_through_review_and_the_video_keeps_its_files()
    {
        // The other starter video: this class's other tests read the first one.
        const string edited = "stroke-signs-be-fast";
        var writer = await app.SignInAsync(await app.CreateAccountAsync("video-writer-{n}@example.org", "Vera Writer", roles: [StaffRoles.Writer]));
        var reviewer = await app.SignInAsync(await app.CreateAccountAsync("video-reviewer-{n}@example.org", "Ravi Reviewer", roles: [StaffRoles.MedicalReviewer]));
        var editor = await app.SignInAsync(await app.CreateAccountAsync("video-editor-{n}@example.org", "Edna Editor", roles: [StaffRoles.Editor]));
        var liveId = await app.WithDbAsync(db => db.Set<ContentItem>().Where(i => i.Kind == ContentKind.Video && i.Slug == edited)
            .Select(i => i.PublishedRevisionId!.Value).SingleAsync(Ct));
        var livePage = $"/admin/content/revisions/{liveId}";
        var before = await client.GetStringAsync($"/videos/{edited}", Ct);

        var page = (await writer.PostFormAsync(livePage, [], livePage + "?handler=draft")).RedirectPath()!;
        var transcript = await app.WithDbAsync(db => db.Set<ContentRevision>().Where(r => r.Id == liveId).Select(r => r.BodyMarkdown).SingleAsync(Ct));
        var title = await app.WithDbAsync(db => db.Set<ContentRevision>().Where(r => r.Id == liveId).Select(r => r.Title).SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.Redirect, (await writer.PostFormAsync(page, new()
        {
            ["Input.Title"] = title, ["Input.Summary"] = "Learn the signs of a stroke.", ["Input.Body"] = transcript + "\n\nNote the time the first sign appeared.",
        }, page + "?handler=save")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await writer.PostFormAsync(page, [], page + "?handler=submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync(page, [], page + "?handler=approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(page, [], page + "?handler=publish")).StatusCode);

        var after = await Eventually.WaitAsync(() => client.GetStringAsync($"/videos/{edited}", Ct),
            html => html.Contains("Note the time the first sign appeared.", StringComparison.Ordinal), "the edited transcript to be live");
        Assert.Contains($"<source src=\"/health/videos/{edited}.webm\" type=\"video/webm\">", after, StringComparison.Ordinal);
        Assert.Contains($"<track kind=\"captions\" src=\"/health/videos/{edited}.vtt\"", after, StringComparison.Ordinal);
        Assert.Contains($"poster=\"/health/videos/{edited}-poster.png\"", after, StringComparison.Ordinal);
        Assert.Contains("Medically reviewed by Ravi Reviewer on", Html.Text(after), StringComparison.Ordinal);
        Assert.Contains($"<source src=\"/health/videos/{edited}.webm\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/health/videos/{edited}.webm", Ct)).StatusCode);
    }
}
