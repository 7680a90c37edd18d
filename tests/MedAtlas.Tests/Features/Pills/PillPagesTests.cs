using System.Net;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Pills;

public sealed class PillPagesTests(PillsApp app) : IClassFixture<PillsApp>
{
    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int Id(string imprint) => app.Ids[imprint];

    [Fact]
    public async Task The_identifier_has_the_form_and_the_safety_copy()
    {
        var html = await client.GetStringAsync("/pill-identifier", Ct);
        var text = Html.Text(html);

        Assert.Contains("name=\"imprint\"", html, StringComparison.Ordinal);
        Assert.Equal(12, html.Split("name=\"color\"").Length - 1);
        Assert.Contains("<option value=\"HEPTAGON (7 SIDES)\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"size\"", html, StringComparison.Ordinal);
        Assert.Contains("confirm what a pill is", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Poison Help at 1-800-222-1222", text, StringComparison.Ordinal);
        Assert.Contains("911", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_are_cards_that_link_to_the_pill_and_can_be_ticked_to_compare()
    {
        var html = await client.GetStringAsync("/pill-identifier?imprint=zt+155", Ct);
        var text = Html.Text(html);

        Assert.Contains($"href=\"/pills/{Id("ZT;155;10")}\"", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"compare\" value=\"{Id("ZT;155;10")}\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/pills/compare\"", html, StringComparison.Ordinal);
        Assert.Contains("Compare selected", text, StringComparison.Ordinal);
        Assert.Contains("ZT 155 10", text, StringComparison.Ordinal);
        Assert.Contains("Atorvastatin", text, StringComparison.Ordinal);
        Assert.Contains("10 mg", text, StringComparison.Ordinal);
        Assert.Contains("Example Test Labeler", text, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_shows_the_labels_photo_when_there_is_one()
    {
        var html = await client.GetStringAsync("/pill-identifier?imprint=ztphoto", Ct);

        Assert.Contains($"src=\"/pills/{Id("ZT;PHOTO")}/images/{app.PhotoId}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chosen_colours_stay_ticked_and_a_pill_must_have_all_of_them()
    {
        var html = await client.GetStringAsync("/pill-identifier?color=white&color=BLUE", Ct);

        Assert.Contains("id=\"color-white\" name=\"color\" value=\"WHITE\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"color-blue\" name=\"color\" value=\"BLUE\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.Contains("1 pill matches", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_results_says_which_filters_to_relax()
    {
        var response = await client.GetAsync("/pill-identifier?imprint=ZT155&color=BLUE&shape=OVAL", Ct);
        var text = Html.Text(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No pills match imprint “ZT155” with colour BLUE and shape OVAL.", text, StringComparison.Ordinal);
        Assert.Contains("Try removing the colour or the shape, or typing fewer characters of the imprint.", text, StringComparison.Ordinal);
        Assert.Contains("Without the colour: 1 pill", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("color=PLAID", "color-error", "There is no colour “PLAID”. Pick from: BLACK, BLUE")]
    [InlineData("shape=BLOB", "shape-error", "There is no shape “BLOB”. Pick one of: BULLET, CAPSULE")]
    [InlineData("size=abc", "size-error", "a number from 1 to 50")]
    [InlineData("size=51", "size-error", "a number from 1 to 50")]
    [InlineData("size=0", "size-error", "a number from 1 to 50")]
    [InlineData("imprint=---", "imprint-error", "Type the letters and numbers")]
    public async Task Bad_input_is_explained_next_to_its_field_with_400(string query, string errorId, string message)
    {
        var response = await client.GetAsync($"/pill-identifier?{query}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"id=\"{errorId}\"", html, StringComparison.Ordinal);
        Assert.Contains(message, Html.Text(html), StringComparison.Ordinal);
        Assert.Contains(Html.AttributeValues(html, "aria-describedby"), v => v.Split(' ').Contains(errorId));
    }

    [Fact]
    public async Task An_imprint_over_100_characters_is_refused()
    {
        var response = await client.GetAsync($"/pill-identifier?imprint={new string('A', 101)}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"imprint-error\"", html, StringComparison.Ordinal);
        Assert.Contains("at most 100 characters", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pill_page_shows_every_detail_the_safety_copy_and_the_DailyMed_link()
    {
        var response = await client.GetAsync($"/pills/{Id("ZT;155;10")}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var text = Html.Text(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid=00000000-0000-4000-8000-000000000155\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/drugs/atorvastatin\"", html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"imprint\">155</li>", html, StringComparison.Ordinal);
        Assert.Contains("Poison Help at 1-800-222-1222", text, StringComparison.Ordinal);
        Assert.Contains("pharmacist", text, StringComparison.Ordinal);
        foreach (var fact in new[] { "White", "Oval", "9.5 mm", "Not scored", "FILM COATED", "99999-0155-01", "Example Test Labeler", "00000000-0000-4000-8000-000000000155" })
            Assert.Contains(fact, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Synthetic test data", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pill_page_shows_all_the_labels_photos_and_the_drawing()
    {
        var html = await client.GetStringAsync($"/pills/{Id("ZT;PHOTO")}", Ct);

        Assert.Contains($"src=\"/pills/{Id("ZT;PHOTO")}/images/{app.PhotoId}\"", html, StringComparison.Ordinal);
        // The label's SVG is not served as is (it could carry script); the drawing stands in.
        Assert.DoesNotContain($"/images/{app.SvgImageId}", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Synthetic_pills_say_so_on_cards_pages_and_compare()
    {
        var synthetic = Id("QZ;900");
        var card = Html.Text(await client.GetStringAsync("/pill-identifier?imprint=qz900", Ct));
        var page = Html.Text(await client.GetStringAsync($"/pills/{synthetic}", Ct));
        var compare = Html.Text(await client.GetStringAsync($"/pills/compare?ids={synthetic},{Id("155")}", Ct));

        Assert.Contains("Synthetic test data — not a real pill", card, StringComparison.Ordinal);
        Assert.Contains("Synthetic test data — not a real pill", page, StringComparison.Ordinal);
        Assert.Contains("Synthetic test data — not a real pill", compare, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_pill_is_404()
    {
        var response = await client.GetAsync("/pills/999999", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Compare_shows_pills_side_by_side()
    {
        var html = await client.GetStringAsync($"/pills/compare?ids={Id("ZT;155;10")},{Id("155")},{Id("QZ1557")}", Ct);
        var text = Html.Text(html);

        Assert.Contains("Compare 3 pills", text, StringComparison.Ordinal);
        Assert.Contains("ZT 155 10", text, StringComparison.Ordinal);
        Assert.Contains("QZ1557", text, StringComparison.Ordinal);
        Assert.Contains("Poison Help at 1-800-222-1222", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticked_boxes_go_to_the_short_compare_address()
    {
        var response = await client.GetAsync($"/pills/compare?back=%2Fpill-identifier%3Fimprint%3D155&compare={Id("155")}&compare={Id("QZ1557")}", Ct);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/pills/compare?ids={Id("155")},{Id("QZ1557")}&back=%2Fpill-identifier%3Fimprint%3D155", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Compare_refuses_more_than_four_pills_with_a_clear_message()
    {
        var ids = string.Join(',', app.Ids.Values.Take(5));
        var response = await client.GetAsync($"/pills/compare?ids={ids}", Ct);
        var ticked = await client.GetAsync($"/pills/compare?{string.Join('&', app.Ids.Values.Take(5).Select(i => $"compare={i}"))}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("You picked 5 pills. You can compare up to 4 at a time", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, ticked.StatusCode);
    }

    [Fact]
    public async Task Compare_refuses_a_list_that_is_not_pill_ids()
    {
        var response = await client.GetAsync("/pills/compare?ids=1,abc", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_links_back_only_to_the_identifier()
    {
        var html = await client.GetStringAsync($"/pills/compare?ids={Id("155")},{Id("QZ1557")}&back=https%3A%2F%2Fevil.example", Ct);

        Assert.DoesNotContain(Html.AttributeValues(html, "href"), href => href.Contains("evil.example", StringComparison.Ordinal));
        Assert.Contains("<a href=\"/pill-identifier\">Back to the Pill Identifier</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_photo_is_served_with_its_type_a_long_cache_and_nosniff()
    {
        var response = await client.GetAsync($"/pills/{Id("ZT;PHOTO")}/images/{app.PhotoId}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PillsApp.PhotoBytes, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_photo_is_only_found_under_its_own_pill_and_only_if_it_is_a_photo_type()
    {
        var wrongPill = await client.GetAsync($"/pills/{Id("155")}/images/{app.PhotoId}", Ct);
        var svg = await client.GetAsync($"/pills/{Id("ZT;PHOTO")}/images/{app.SvgImageId}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, wrongPill.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, svg.StatusCode);
    }

    [Fact]
    public async Task The_drawing_is_served_as_svg()
    {
        var response = await client.GetAsync($"/pills/{Id("155")}/picture.svg", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
