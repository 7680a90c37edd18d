using MedAtlas.Web.Features.Drugs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Interactions.Pages;

internal sealed record DrugInteractionEntry(string With, string? Path, InteractionSeverity Severity, string? Summary, string? Management, IReadOnlyList<SourceSeverity> Sources);

[PublicCache("severity")]
internal sealed class DrugInteractionsModel(InteractionIndex index, InteractionChecker checker, DrugCatalog catalog) : PageModel
{
    public const int MaxPerSeverity = 300;

    public static readonly IReadOnlyList<InteractionSeverity> Severities =
        [InteractionSeverity.Contraindicated, InteractionSeverity.Major, InteractionSeverity.Moderate, InteractionSeverity.Minor, InteractionSeverity.Unknown];

    [BindProperty(SupportsGet = true, Name = "severity")]
    public string? SeverityCode { get; set; }

    public InteractionSeverity? Severity { get; private set; }

    public string? Problem { get; private set; }

    public CheckedDrug? Drug { get; private set; }

    public IReadOnlyList<DrugInteractionEntry> Entries { get; private set; } = [];

    /// <summary>Conditions the labels say need care with this drug, shown apart from the drugs it interacts with.</summary>
    public IReadOnlyList<FoundCaution> Cautions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        Drug = snapshot.DrugBySlug(slug);
        if (Drug is null)
        {
            var resolved = await catalog.ResolveAsync(slug, cancellationToken);
            var canonical = resolved.Drug?.Slug ?? resolved.RedirectToSlug;
            return canonical is null ? NotFound() : RedirectPermanent($"/drugs/{canonical}/interactions");
        }

        if (!string.IsNullOrEmpty(SeverityCode))
        {
            Severity = InteractionSources.ParseSeverity(SeverityCode);
            if (Severity is null)
            {
                Problem = "Pick a severity from the list.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }

        Entries = [.. Collect(snapshot, Drug).Where(e => Severity is null || e.Severity == Severity)];
        Cautions = [.. (await checker.CautionsOfAsync(Drug, cancellationToken)).Where(c => Severity is null || c.Severity == Severity)];
        return Page();
    }

    /// <summary>Every rule naming one of the drug's keys, merged per other side across sources.</summary>
    private static IEnumerable<DrugInteractionEntry> Collect(InteractionIndex.Snapshot snapshot, CheckedDrug drug)
    {
        var keys = drug.Ingredients.SelectMany(snapshot.Keys).ToHashSet();
        var byOther = new Dictionary<string, Dictionary<string, InteractionIndex.RuleView>>();
        foreach (var key in keys)
        {
            foreach (var rule in snapshot.RulesNaming(key))
            {
                var other = rule.A == key ? rule.B : rule.A;
                // A rule between two of the drug's own keys (serotonergic with serotonergic) is about a second drug of that kind.
                if (!byOther.TryGetValue(other, out var bySource))
                    byOther[other] = bySource = [];
                if (!bySource.TryGetValue(rule.Source, out var current) || rule.Severity > current.Severity)
                    bySource[rule.Source] = rule;
            }
        }

        foreach (var (other, bySource) in byOther)
        {
            if (drug.Ingredients.Contains(other))
                continue;

            var ordered = bySource.OrderBy(s => InteractionSources.Precedence(s.Key)).Select(s => s.Value).ToList();
            var text = ordered.FirstOrDefault(r => r.Summary is not null);
            var (with, path) = snapshot.Describe(other);
            yield return new DrugInteractionEntry(
                char.ToUpperInvariant(with[0]) + with[1..], path, ordered.Max(r => r.Severity), text?.Summary, text?.Management,
                [.. ordered.Select(r => new SourceSeverity(r.Source, InteractionSources.DisplayName(r.Source), r.Severity))]);
        }
    }
}
