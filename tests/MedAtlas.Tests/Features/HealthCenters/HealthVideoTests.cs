using System.Net;
using System.Net.Http.Headers;
using MedAtlas.Tests.Infrastructure;

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
}
