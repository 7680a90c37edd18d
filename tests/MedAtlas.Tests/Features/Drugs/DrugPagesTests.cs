using System.Net;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Drugs;

public sealed class DrugPagesTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private readonly HttpClient client = app.CreateClient(new() { AllowAutoRedirect = false });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_brand_address_redirects_permanently_to_the_drug()
    {
        var response = await client.GetAsync("/drugs/lipitor", Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/drugs/atorvastatin", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_monograph_has_a_glance_box_and_anchored_sections()
    {
        var html = await client.GetStringAsync("/drugs/atorvastatin", Ct);

        Assert.Contains("<h1 id=\"drug-title\">Atorvastatin</h1>", html, StringComparison.Ordinal);
        Assert.Contains("At a glance", html, StringComparison.Ordinal);
        foreach (var anchor in new[] { "uses", "side-effects", "warnings", "sources" })
        {
            Assert.Contains($"id=\"{anchor}\"", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"#{anchor}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("Lipitor", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("Last reviewed", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("not reviewed by a named doctor", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drug_and_condition_pages_link_each_other()
    {
        var drug = await client.GetStringAsync("/drugs/lisinopril", Ct);
        var condition = await client.GetStringAsync("/conditions/high-blood-pressure", Ct);

        Assert.Contains("href=\"/conditions/high-blood-pressure\"", drug, StringComparison.Ordinal);
        Assert.Contains("href=\"/drugs/lisinopril\"", condition, StringComparison.Ordinal);
        Assert.Contains("FDA-approved for this use", Html.Text(condition), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_ingredient_page_lists_the_combinations_that_contain_it()
    {
        var html = await client.GetStringAsync("/drugs/acetaminophen", Ct);

        Assert.Contains("href=\"/drugs/hydrocodone-acetaminophen\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_A_to_Z_page_has_a_letter_index_and_filters()
    {
        var all = await client.GetStringAsync("/drugs", Ct);
        var letterW = await client.GetStringAsync("/drugs?letter=W", Ct);
        var vitamins = await client.GetStringAsync("/drugs?kind=vitamin", Ct);

        Assert.Contains("href=\"/drugs?letter=Z\"", all, StringComparison.Ordinal);
        Assert.Contains("href=\"/drugs/warfarin\"", letterW, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/drugs/atorvastatin\"", letterW, StringComparison.Ordinal);
        Assert.Contains("href=\"/drugs/vitamin-d\"", vitamins, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/drugs/warfarin\"", vitamins, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_filter_is_explained_on_the_page()
    {
        var response = await client.GetAsync("/drugs?kind=pills&letter=%3C%3E", Ct);
        var text = Html.Text(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There is no type called “pills”", text, StringComparison.Ordinal);
        Assert.Contains("Pick a letter from A to Z", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_class_page_lists_its_members()
    {
        var html = await client.GetStringAsync("/drugs/class/statins", Ct);

        Assert.Contains("href=\"/drugs/atorvastatin\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/drugs/simvastatin\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_shows_two_drugs_side_by_side_by_brand_or_typo()
    {
        var html = await client.GetStringAsync("/drugs/compare?a=lipitor&b=simvastatin", Ct);
        var typo = await client.GetStringAsync("/drugs/compare?a=ibuprofin&b=naproxen", Ct);

        Assert.Contains("Compare Atorvastatin and Simvastatin", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("Compare Ibuprofen and Naproxen", Html.Text(typo), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_explains_a_missing_or_unknown_medicine_next_to_its_field()
    {
        var response = await client.GetAsync("/drugs/compare?a=qqqqzzzz&b=", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"compare-a-error\"", html, StringComparison.Ordinal);
        Assert.Contains("We could not find “qqqqzzzz”", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("Enter a medicine.", Html.Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_drug_is_the_404_page_with_suggestions()
    {
        var response = await client.GetAsync("/drugs/ibuprofin", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", Html.Text(html), StringComparison.Ordinal);
        Assert.Contains("href=\"/drugs/ibuprofen\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/conditions")]
    [InlineData("/conditions/gerd")]
    [InlineData("/drugs/class/ssris")]
    [InlineData("/drugs/vitamin-d")]
    [InlineData("/drugs/st-johns-wort")]
    public async Task Catalogue_pages_render(string path)
    {
        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Mixed_case_addresses_redirect_to_the_canonical_one()
    {
        var response = await client.GetAsync("/drugs/Atorvastatin", Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/drugs/atorvastatin", response.Headers.Location?.OriginalString);
    }
}
