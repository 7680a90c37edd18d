using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAtlas.Web.Features.Drugs;

internal sealed record DrugSummaryResponse(string Slug, string Name, string Kind, IReadOnlyList<string> BrandNames, IReadOnlyList<string> Classes);

internal sealed record DrugListResponse(int Total, int Page, int PageSize, IReadOnlyList<DrugSummaryResponse> Items);

internal sealed record DrugSearchResponse(string Slug, string Name, string Kind, IReadOnlyList<string> BrandNames, string MatchedOn);

internal sealed record DrugSectionResponse(string Id, string Title, string Html);

internal sealed record DrugLabelResponse(string SetId, string Title, string Labeler, int Version, DateOnly EffectiveDate, bool IsRepackager, IReadOnlyList<DrugSectionResponse> Sections);

internal sealed record DrugResponse(
    string Slug, string Name, string Kind, string? Summary, IReadOnlyList<string> BrandNames, IReadOnlyList<string> OtherNames,
    IReadOnlyList<NamedLink> Classes, IReadOnlyList<string> Ingredients, IReadOnlyList<string> Forms, IReadOnlyList<string> Strengths,
    IReadOnlyList<string> Routes, string? BoxedWarningHtml, IReadOnlyList<DrugSectionResponse> Sections,
    IReadOnlyList<DrugConditionResponse> Conditions, IReadOnlyList<string> Sources, DateOnly? LastReviewed, DrugLabelResponse? Label, int ProductCount);

internal sealed record DrugConditionResponse(string Slug, string Name, string Use);

internal static class DrugsApi
{
    public const int MaxSearchLimit = 50;

    public static RouteGroupBuilder MapDrugsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListDrugs").WithSummary("Drugs and supplements, A to Z")
            .WithDescription("Filter by kind (prescription, otc, vitamin, mineral, herbal, supplement), class slug and first letter (A-Z or #). Paged: page from 1, pageSize up to 100.");
        group.MapGet("/search", SearchAsync).WithName("SearchDrugs").WithSummary("Find drugs by name, brand or condition, typos forgiven")
            .WithDescription("Best first. matchedOn says which name matched: a brand, a misspelling's correction, or a condition the drug is used for.");
        group.MapGet("/{slug}", GetAsync).WithName("GetDrug").WithSummary("One drug's monograph")
            .WithDescription("A brand or other name in place of the slug answers with the drug it names.");
        return group;
    }

    private static async Task<Results<Ok<DrugListResponse>, ValidationProblem>> ListAsync(
        string? kind, string? @class, string? letter, int? page, int? pageSize, DrugCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedKind = DrugKinds.Parse(kind);
        if (!string.IsNullOrEmpty(kind) && parsedKind is null)
            errors["kind"] = [$"Unknown kind '{kind}'. Use one of: {string.Join(", ", DrugKinds.All.Select(DrugKinds.Code))}."];
        char? firstLetter = null;
        if (!string.IsNullOrEmpty(letter))
        {
            if (letter.Length == 1 && (char.IsAsciiLetter(letter[0]) || letter[0] == '#'))
                firstLetter = char.ToUpperInvariant(letter[0]);
            else
                errors["letter"] = ["Use one letter A-Z, or # for names that start with a digit or symbol."];
        }

        if (page is < 1)
            errors["page"] = ["Pages start at 1."];
        if (pageSize is < 1 or > DrugCatalog.MaxPageSize)
            errors["pageSize"] = [$"pageSize is 1 to {DrugCatalog.MaxPageSize}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var result = await catalog.BrowseAsync(parsedKind, string.IsNullOrEmpty(@class) ? null : @class.ToLowerInvariant(), firstLetter, page ?? 1, pageSize ?? 50, cancellationToken);
        return TypedResults.Ok(new DrugListResponse(result.Total, result.Page, result.PageSize,
            [.. result.Items.Select(i => new DrugSummaryResponse(i.Slug, i.Name, DrugKinds.Code(i.Kind), i.BrandNames, i.Classes))]));
    }

    private static async Task<Results<Ok<DrugSearchResponse[]>, ValidationProblem>> SearchAsync(
        string? q, int? limit, DrugSearchIndex index, DrugLinks links, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (Home.SiteSearch.Validate(q) is { } problem)
            errors["q"] = [problem];
        if (limit is < 1 or > MaxSearchLimit)
            errors["limit"] = [$"limit is 1 to {MaxSearchLimit}."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var max = limit ?? 10;
        var matches = await index.SearchAsync(q!, max, cancellationToken);
        var conditionSlugs = matches.Where(m => m.Target.Type == SearchTargetType.Condition).Select(m => m.Target.Slug).ToList();
        var drugsByCondition = conditionSlugs.Count == 0 ? [] : await links.ForConditionsAsync(conditionSlugs, cancellationToken);
        var results = new List<DrugSearchResponse>();
        foreach (var match in matches)
        {
            if (match.Target.Type == SearchTargetType.Drug)
            {
                results.Add(new DrugSearchResponse(match.Target.Slug, match.Target.Name, DrugKinds.Code(match.Target.Kind!.Value), match.Target.BrandNames, match.MatchedOn));
                continue;
            }

            // A condition ("heartburn"): the drugs used for it, each saying which condition brought it.
            foreach (var drug in drugsByCondition.GetValueOrDefault(match.Target.Slug) ?? [])
                results.Add(new DrugSearchResponse(drug.Slug, drug.Name, DrugKinds.Code(drug.Kind), drug.BrandNames, $"condition: {match.Target.Name}"));
        }

        return TypedResults.Ok(results.DistinctBy(r => r.Slug).Take(max).ToArray());
    }

    private static async Task<Results<Ok<DrugResponse>, ProblemHttpResult>> GetAsync(string slug, DrugCatalog catalog, CancellationToken cancellationToken)
    {
        var found = await catalog.ResolveAsync(slug, cancellationToken);
        var drug = found.Drug ?? (found.RedirectToSlug is { } canonical ? (await catalog.ResolveAsync(canonical, cancellationToken)).Drug : null);
        if (drug is null)
        {
            var detail = found.BrandOwners.Count > 1
                ? $"'{slug}' names several drugs: {string.Join(", ", found.BrandOwners.Select(o => o.Slug))}."
                : $"No drug '{slug}'. Try GET /api/v1/drugs/search?q={Uri.EscapeDataString(slug)}.";
            return TypedResults.Problem(statusCode: 404, title: "Drug not found", detail: detail);
        }

        return TypedResults.Ok(new DrugResponse(
            drug.Slug, drug.Name, DrugKinds.Code(drug.Kind), drug.Summary, drug.BrandNames, drug.OtherNames, drug.Classes,
            [.. drug.Ingredients.Select(i => i.Name)], drug.Forms, drug.Strengths, drug.Routes, drug.BoxedWarningHtml,
            [.. drug.Sections.Select(s => new DrugSectionResponse(s.Id, s.Title, s.Html))],
            [.. drug.Conditions.Select(c => new DrugConditionResponse(c.Slug, c.Name, c.Use == ConditionUse.OnLabel ? "on-label" : "common"))],
            drug.Sources, drug.LastReviewed,
            drug.Label is { } l ? new DrugLabelResponse(l.Summary.SetId, l.Summary.Title, l.Summary.Labeler, l.Summary.Version, l.Summary.EffectiveDate, l.Summary.IsRepackager,
                [.. l.Sections.Select(s => new DrugSectionResponse(s.LoincCode ?? s.Id, s.Title, s.Html))]) : null,
            drug.ProductCount));
    }
}
