using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace MedAtlas.Web.Features.Pills.Pages;

/// <summary>A way out of "no results": a search without one filter, and how many pills it finds.</summary>
internal sealed record Relaxation(string Text, string Link, int Count);

[PublicCache]
internal sealed class IdentifierModel(PillSearch search) : PageModel
{
    public const int PageSize = 24;

    [BindProperty(SupportsGet = true, Name = "imprint")]
    public string? Imprint { get; set; }

    [BindProperty(SupportsGet = true, Name = "color")]
    public List<string> ColorInput { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "shape")]
    public string? ShapeInput { get; set; }

    [BindProperty(SupportsGet = true, Name = "size")]
    public string? SizeInput { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PillQuery Query { get; private set; } = PillQuery.None;

    /// <summary>What is wrong with the input, by field ("imprint", "color", "shape", "size").</summary>
    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    public PillSearchPage? Results { get; private set; }

    public bool NoPillData { get; private set; }

    /// <summary>How many pills the identifier searches, and how many of them are the starter set's.</summary>
    public (int Total, int Starter) Loaded { get; private set; }

    public string? NoResults { get; private set; }

    public string? NoResultsAdvice { get; private set; }

    public IReadOnlyList<Relaxation> Relaxations { get; private set; } = [];

    public Pager Pager => new(Results?.Page ?? 1, PageSize, Results?.Total ?? 0, p => Link(Query, p));

    /// <summary>The search as an address, to come back to from a compared pill.</summary>
    public string Here => Link(Query, PageNumber);

    public bool Chosen(string color) => ColorInput.Any(c => string.Equals(SplAppearance.Color(c), color, StringComparison.Ordinal));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (query, problems) = PillSearchInput.Parse(Imprint, ColorInput, ShapeInput, SizeInput);
        Query = query;
        Problems = problems;
        if (PageNumber < 1)
            PageNumber = 1;
        if (problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var index = await search.CurrentAsync(cancellationToken);
        Loaded = (index.Count, index.StarterCount);
        if (query.IsEmpty)
            return;

        NoPillData = index.Count == 0;
        Results = index.Search(query, PageNumber, PageSize);
        if (Results.Items.Count == 0 && Results.Total > 0)
        {
            // A page past the end (an old link after a re-import): show the last one rather than nothing.
            PageNumber = (Results.Total + PageSize - 1) / PageSize;
            Results = index.Search(query, PageNumber, PageSize);
        }

        if (Results.Total == 0 && !NoPillData)
            Explain(index);
    }

    /// <summary>Says what was searched for and which filter to drop, with the searches that would find something.</summary>
    private void Explain(PillIndex index)
    {
        var q = Query;
        var filters = new List<string>();
        if (q.Colors.Count > 0)
            filters.Add($"colour{(q.Colors.Count > 1 ? "s" : "")} {string.Join(" and ", q.Colors)}");
        if (q.Shape is not null)
            filters.Add($"shape {q.Shape}");
        if (q.SizeMm is { } size)
            filters.Add($"size {size:0.##} mm");

        var what = q.Imprint is null ? string.Join(" and ", filters)
            : filters.Count == 0 ? $"imprint “{q.Imprint}”"
            : $"imprint “{q.Imprint}” with {string.Join(" and ", filters)}";
        NoResults = $"No pills match {what}.";

        var drop = new List<string>();
        if (q.Colors.Count > 0)
            drop.Add("the colour");
        if (q.Shape is not null)
            drop.Add("the shape");
        if (q.SizeMm is not null)
            drop.Add("the size");
        var removing = drop.Count switch
        {
            0 => null,
            1 => $"removing {drop[0]}",
            _ => $"removing {string.Join(", ", drop.Take(drop.Count - 1))} or {drop[^1]}",
        };
        var advice = new List<string>();
        if (removing is not null)
            advice.Add(removing);
        if (q.Imprint is not null)
            advice.Add("typing fewer characters of the imprint");
        NoResultsAdvice = $"Try {string.Join(", or ", advice)}."
            + (q.Imprint is not null ? " Letters and numbers that look alike are easy to mix up: 0 and O, 1 and I, 5 and S, 8 and B." : "");

        var relaxations = new List<Relaxation>();
        void Offer(string text, PillQuery relaxed)
        {
            if (relaxed.IsEmpty)
                return;
            var count = index.CountMatches(relaxed);
            if (count > 0)
                relaxations.Add(new Relaxation(text, Link(relaxed, 1), count));
        }

        if (q.Colors.Count > 0)
            Offer("Without the colour", q with { Colors = [] });
        if (q.Shape is not null)
            Offer("Without the shape", q with { Shape = null });
        if (q.SizeMm is not null)
            Offer("Without the size", q with { SizeMm = null });
        if (q.Imprint is not null && filters.Count > 0)
            Offer("The imprint alone", PillQuery.None with { Imprint = q.Imprint });
        Relaxations = relaxations;
    }

    public static string Link(PillQuery query, int page)
    {
        var parameters = new List<KeyValuePair<string, StringValues>>();
        if (query.Imprint is not null)
            parameters.Add(new("imprint", query.Imprint));
        foreach (var color in query.Colors)
            parameters.Add(new("color", color));
        if (query.Shape is not null)
            parameters.Add(new("shape", query.Shape));
        if (query.SizeMm is { } size)
            parameters.Add(new("size", size.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
        if (page > 1)
            parameters.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(PillUrls.Identifier, parameters);
    }
}
