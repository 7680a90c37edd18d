using System.Net;
using System.Text.RegularExpressions;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.HealthCenters;
using MedAtlas.Web.Features.Tools;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.HealthCenters;

/// <summary>
/// The starter content as it ships (<c>src/MedAtlas.Web/data/seed/health</c>), loaded by the real app: issue 11's counts, and
/// every link, source, review date and slide picture in place.
/// </summary>
public sealed partial class HealthStarterContentTests(MedAtlasApp app) : IClassFixture<MedAtlasApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Media => Path.Combine(HealthSeedRoot.RealHealthSeed, "slideshows", "media");

    private async Task<List<ContentItem>> ItemsAsync() =>
        await app.WithDbAsync(db => db.Set<ContentItem>().AsNoTracking().Include(i => i.Center)
            .Include(i => i.PublishedRevision).ThenInclude(r => r!.Slides).ToListAsync(Ct));

    [Fact]
    public async Task There_are_six_centers_forty_articles_ten_on_diabetes_with_insulin_pumps_and_four_slideshows()
    {
        using var client = app.CreateClient();
        await client.GetAsync("/health", Ct);
        var centers = await app.WithDbAsync(db => db.Set<HealthCenter>().CountAsync(Ct));
        var items = await ItemsAsync();
        var articles = items.Where(i => i.Kind == ContentKind.Article && i.PublishedRevision is not null).ToList();

        Assert.True(centers >= 6, $"{centers} centers");
        Assert.True(articles.Count >= 40, $"{articles.Count} articles");
        Assert.True(articles.Count(a => a.Center.Slug == "diabetes") >= 10, $"{articles.Count(a => a.Center.Slug == "diabetes")} diabetes articles");
        Assert.Contains(articles, a => a.Center.Slug == "diabetes" && a.PublishedRevision!.Title.Contains("Insulin Pump", StringComparison.OrdinalIgnoreCase));
        Assert.True(items.Count(i => i.Kind == ContentKind.Slideshow && i.PublishedRevision is not null) >= 4, "at least 4 slideshows");
    }

    [Fact]
    public async Task Every_condition_drug_and_tool_slug_resolves()
    {
        var conditions = (await app.WithDbAsync(db => db.Set<Condition>().Select(c => c.Slug).ToListAsync(Ct))).ToHashSet();
        var drugs = (await app.WithDbAsync(db => db.Set<Drug>().Select(d => d.Slug).ToListAsync(Ct))).ToHashSet();
        var tools = ToolLinks.All.Select(t => t.Path["/tools/".Length..]).ToHashSet();
        var centers = await app.WithDbAsync(db => db.Set<HealthCenter>().AsNoTracking().ToListAsync(Ct));
        var items = await ItemsAsync();

        var unknown = centers.SelectMany(c => c.ConditionSlugs.Where(s => !conditions.Contains(s)).Select(s => $"{c.Slug}: condition {s}"))
            .Concat(centers.SelectMany(c => c.DrugSlugs.Where(s => !drugs.Contains(s)).Select(s => $"{c.Slug}: drug {s}")))
            .Concat(centers.SelectMany(c => c.ToolSlugs.Where(s => !tools.Contains(s)).Select(s => $"{c.Slug}: tool {s}")))
            .Concat(items.SelectMany(i => i.PublishedRevision!.ConditionSlugs.Where(s => !conditions.Contains(s)).Select(s => $"{i.Slug}: condition {s}")))
            .Concat(items.SelectMany(i => i.PublishedRevision!.DrugSlugs.Where(s => !drugs.Contains(s)).Select(s => $"{i.Slug}: drug {s}")))
            .ToList();

        Assert.True(unknown.Count == 0, string.Join("\n", unknown));
    }

    [Fact]
    public async Task Every_article_and_slideshow_has_two_sources_a_review_date_and_a_page()
    {
        using var client = app.CreateClient();
        var items = await ItemsAsync();
        var problems = new List<string>();
        foreach (var item in items)
        {
            var r = item.PublishedRevision!;
            if (r.SourceCount < 2)
                problems.Add($"{item.Slug}: {r.SourceCount} source(s) rendered (each [^n] must be used in the text)");
            if (r.ReviewedOn is null || r.WrittenOn is null)
                problems.Add($"{item.Slug}: no written or reviewed date");
            var path = ContentItem.PathOf(item.Kind, item.Center.Slug, item.Slug);
            var response = await client.GetAsync(path, Ct);
            if (response.StatusCode != HttpStatusCode.OK)
                problems.Add($"{path}: {(int)response.StatusCode}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_slideshow_has_six_to_ten_slides_whose_pictures_exist_are_safe_svg_and_have_alt_text()
    {
        var problems = new List<string>();
        foreach (var show in (await ItemsAsync()).Where(i => i.Kind == ContentKind.Slideshow))
        {
            var slides = show.PublishedRevision!.Slides;
            if (slides.Count is < 6 or > 10)
                problems.Add($"{show.Slug}: {slides.Count} slides");
            foreach (var slide in slides)
            {
                var file = Path.Combine(Media, slide.Image);
                if (string.IsNullOrWhiteSpace(slide.Alt))
                    problems.Add($"{show.Slug} {slide.Position}: no alt text");
                if (!SafeName().IsMatch(slide.Image) || !File.Exists(file))
                {
                    problems.Add($"{show.Slug} {slide.Position}: no picture {slide.Image}");
                    continue;
                }

                var svg = await File.ReadAllTextAsync(file, Ct);
                if (new FileInfo(file).Length > 8 * 1024)
                    problems.Add($"{slide.Image}: over 8 KB");
                if (!svg.Contains("viewBox=\"0 0 1200 675\"", StringComparison.Ordinal))
                    problems.Add($"{slide.Image}: not viewBox 0 0 1200 675");
                if (Unsafe().Match(svg) is { Success: true } bad)
                    problems.Add($"{slide.Image}: {bad.Value}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex("^[a-z0-9-]+\\.svg$")]
    private static partial Regex SafeName();

    // Script, foreign content, event attributes, embedded or external references: none belongs in a starter picture.
    [GeneratedRegex("<script|<foreignObject|\\son[a-z]+\\s*=|<image|(?:xlink:)?href\\s*=\\s*\"(?!#)|url\\((?!#)|javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex Unsafe();
}
