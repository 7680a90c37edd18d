using MedAtlas.Web.Features.Pills;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Pills;

public sealed class PillSearchTests(PillsApp app) : IClassFixture<PillsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<PillSearchPage> SearchAsync(string? imprint, string[]? colors = null, string? shape = null, decimal? size = null) =>
        app.Services.GetRequiredService<PillSearch>().SearchAsync(new PillQuery(imprint, colors ?? [], shape, size), 1, 24, Ct);

    private async Task<List<string>> ImprintsAsync(string? imprint, string[]? colors = null, string? shape = null, decimal? size = null) =>
        [.. (await SearchAsync(imprint, colors, shape, size)).Items.Select(h => h.Pill.Imprint)];

    [Theory]
    [InlineData("zt 155")]
    [InlineData("155-ZT")]
    [InlineData("zt155")]
    [InlineData("10 155 zt")]
    [InlineData("ZT;155;10")]
    [InlineData("  Zt-155 ")]
    public async Task An_imprint_typed_forgivingly_finds_the_pill_first(string typed)
    {
        var found = await ImprintsAsync(typed);

        Assert.Equal("ZT;155;10", found.FirstOrDefault());
    }

    [Fact]
    public async Task All_blocks_in_any_order_are_an_exact_match()
    {
        var result = await SearchAsync("10 zt 155");

        Assert.Equal(ImprintMatch.Exact, result.Items[0].Match);
    }

    [Fact]
    public async Task Exact_imprints_come_before_prefixes_and_prefixes_before_partial_matches()
    {
        var result = await SearchAsync("155");

        // "155" is a whole side of ZT;155;10 but only the start of 1559: a person types the sides they see.
        Assert.Equal(["155", "ZT;155;10", "1559", "QZ1557"], result.Items.Select(h => h.Pill.Imprint));
        Assert.Equal([ImprintMatch.Exact, ImprintMatch.Prefix, ImprintMatch.Prefix, ImprintMatch.Partial], result.Items.Select(h => h.Match));
    }

    [Fact]
    public async Task A_pill_of_five_blocks_matches_exactly_in_any_order()
    {
        var result = await SearchAsync("4 3 2 1 ZT");

        Assert.Equal("ZT;1;2;3;4", result.Items[0].Pill.Imprint);
        Assert.Equal(ImprintMatch.Exact, result.Items[0].Match);
    }

    [Fact]
    public async Task Colour_and_shape_work_without_an_imprint()
    {
        Assert.Equal(["QZ1557"], await ImprintsAsync(null, ["PINK"], "ROUND"));
        Assert.Equal(["ZT;CAP;7"], await ImprintsAsync(null, shape: "CAPSULE"));
    }

    [Fact]
    public async Task A_two_tone_capsule_matches_either_colour_and_both_but_not_another()
    {
        Assert.Contains("ZT;CAP;7", await ImprintsAsync(null, ["BLUE"]));
        Assert.Contains("ZT;CAP;7", await ImprintsAsync(null, ["WHITE"]));
        Assert.Equal(["ZT;CAP;7"], await ImprintsAsync(null, ["BLUE", "WHITE"]));
        Assert.Empty(await ImprintsAsync(null, ["BLUE", "RED"]));
    }

    [Fact]
    public async Task Size_matches_within_a_millimetre()
    {
        Assert.Equal(["ZT;155;10"], await ImprintsAsync("155", size: 10m));
        Assert.Equal(["ZT;155;10", "ZT;PHOTO"], await ImprintsAsync("zt", ["WHITE"], "OVAL", 10.5m));
        Assert.Empty(await ImprintsAsync("155", size: 12m));
    }

    [Fact]
    public async Task Imprint_and_filters_together_narrow_the_list()
    {
        Assert.Equal(["155"], await ImprintsAsync("155", ["WHITE"], "ROUND"));
    }

    [Fact]
    public async Task A_pill_with_a_photo_shows_it_and_one_without_is_drawn()
    {
        var photo = (await SearchAsync("zt photo")).Items[0].Pill;
        var drawn = (await SearchAsync("155")).Items[0].Pill;

        Assert.Equal($"/pills/{photo.Id}/images/{app.PhotoId}", photo.PictureUrl);
        Assert.Equal($"/pills/{drawn.Id}/picture.svg", drawn.PictureUrl);
    }

    [Fact]
    public async Task Results_are_paged()
    {
        var search = app.Services.GetRequiredService<PillSearch>();
        var query = new PillQuery(null, ["WHITE"], null, null);

        var first = await search.SearchAsync(query, 1, 2, Ct);
        var second = await search.SearchAsync(query, 2, 2, Ct);

        Assert.Equal(5, first.Total);
        Assert.Equal(2, first.Items.Count);
        Assert.Empty(first.Items.Select(h => h.Pill.Id).Intersect(second.Items.Select(h => h.Pill.Id)));
    }

    [Fact]
    public void Typed_text_of_whole_blocks_in_any_order_is_recognised()
    {
        var blocks = ImprintText.Blocks("PD;155;10");

        Assert.True(ImprintText.IsWholeBlocks("PD155", blocks));
        Assert.True(ImprintText.IsWholeBlocks("10PD", blocks));
        Assert.False(ImprintText.IsWholeBlocks("PD15", blocks));
        Assert.False(ImprintText.IsWholeBlocks("PDPD", blocks));
    }

    [Fact]
    public void Imprint_orders_are_capped_at_24_and_repeat_blocks_count_once()
    {
        Assert.Equal(24, ImprintText.Orders(ImprintText.Blocks("A;B;C;D;E;F")).Count);
        Assert.Equal(["1010"], ImprintText.Orders(ImprintText.Blocks("10;10")));
        Assert.Equal(["M30"], ImprintText.Orders(ImprintText.Blocks(" m 30 ")));
    }
}
