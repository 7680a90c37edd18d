using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Interactions.Pages;

/// <summary>
/// The list lives in the address (<c>?drugs=warfarin,ibuprofen&amp;conditions=asthma</c>) so it can be bookmarked and
/// shared. Adding and removing are plain links and GET forms, so the page works without JavaScript.
/// </summary>
[PublicCache]
internal sealed class CheckerModel(InteractionChecker checker) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "drugs")]
    public string? Drugs { get; set; }

    [BindProperty(SupportsGet = true, Name = "add")]
    public string? Add { get; set; }

    [BindProperty(SupportsGet = true, Name = "conditions")]
    public string? Conditions { get; set; }

    [BindProperty(SupportsGet = true, Name = "add-condition")]
    public string? AddCondition { get; set; }

    public IReadOnlyList<CheckedCondition> FoundConditions { get; private set; } = [];

    public IReadOnlyList<UnknownInput> UnknownConditions { get; private set; } = [];

    /// <summary>Null until a report is made with at least one known condition; empty means the catalogue knows of none.</summary>
    public IReadOnlyList<FoundCaution>? Cautions { get; private set; }

    public IReadOnlyList<(string Name, int Rules)> CautionSources { get; private set; } = [];

    public string? ConditionsProblem { get; private set; }

    public string? AddConditionProblem { get; private set; }

    public (string Slug, string Name)? AddConditionSuggestion { get; private set; }

    public IReadOnlyList<CheckedInput> Found { get; private set; } = [];

    public IReadOnlyList<UnknownInput> Unknown { get; private set; } = [];

    public InteractionReport? Report { get; private set; }

    public string? Problem { get; private set; }

    public string? AddProblem { get; private set; }

    public (string Slug, string Name)? AddSuggestion { get; private set; }

    private List<string> inputs = [];

    private List<string> conditionInputs = [];

    public string DrugsParameter => string.Join(",", inputs);

    public string ConditionsParameter => string.Join(",", conditionInputs);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        inputs = InteractionsApi.Split(Drugs);
        // The API's rule (InteractionChecker.ValidateNames): the page says what is wrong and checks what it can.
        if (InteractionChecker.ValidateNames(inputs) is { } listProblem)
        {
            Problem = listProblem.Problem;
            inputs = [.. inputs.Where(InteractionChecker.IsAcceptable).Take(InteractionChecker.MaxMedicines)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        conditionInputs = InteractionsApi.Split(Conditions);
        if (InteractionChecker.ValidateConditions(conditionInputs) is { } conditionProblem)
        {
            ConditionsProblem = conditionProblem.Problem;
            conditionInputs = [.. conditionInputs.Where(InteractionChecker.IsAcceptable).Take(InteractionChecker.MaxConditions)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        (Found, Unknown) = await checker.ResolveAsync(inputs, cancellationToken);
        (FoundConditions, UnknownConditions) = await checker.ResolveConditionsAsync(conditionInputs, cancellationToken);

        if (Add is not null)
        {
            var redirect = await AddAsync(cancellationToken);
            if (redirect is not null)
                return redirect;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        if (AddCondition is not null)
        {
            var redirect = await AddConditionAsync(cancellationToken);
            if (redirect is not null)
                return redirect;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        if (Problem is null && InteractionChecker.Repeated(Found) is { } repeated)
        {
            Problem = repeated.Problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        if (Problem is null && Found.Count > 0 && (Found.Count >= 2 || Unknown.Count == 0))
        {
            Report = await checker.CheckAsync(Found, Unknown, cancellationToken);
            if (FoundConditions.Count > 0)
            {
                Cautions = await checker.CautionsAsync([.. Found.Select(f => f.Drug)], [.. FoundConditions.Select(c => c.Slug)], cancellationToken);
                CautionSources = await checker.CautionSourcesAsync(cancellationToken);
            }
        }

        return Page();
    }

    private async Task<IActionResult?> AddConditionAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(AddCondition))
        {
            AddConditionProblem = "Type the name of a condition to add.";
            return null;
        }

        if (!InteractionChecker.IsAcceptable(AddCondition))
        {
            AddConditionProblem = InteractionChecker.ValidateConditions([AddCondition])!.Problem;
            AddCondition = AddCondition.Length > InteractionChecker.MaxNameLength ? AddCondition[..InteractionChecker.MaxNameLength] : AddCondition;
            return null;
        }

        if (conditionInputs.Count >= InteractionChecker.MaxConditions)
        {
            AddConditionProblem = $"Your list already has {InteractionChecker.MaxConditions} conditions, the most we check at once. Remove one first.";
            return null;
        }

        var (found, unknown) = await checker.ResolveConditionsAsync([AddCondition], cancellationToken);
        if (found.Count == 0)
        {
            var guess = unknown[0];
            AddConditionProblem = $"We could not find the condition “{AddCondition}”.";
            if (guess.DidYouMeanSlug is not null)
                AddConditionSuggestion = (guess.DidYouMeanSlug, guess.DidYouMeanName!);
            return null;
        }

        var condition = found[0];
        if (FoundConditions.Any(c => c.Slug == condition.Slug))
        {
            AddConditionProblem = $"{condition.Name} is already on your list.";
            return null;
        }

        return Redirect(ConditionLinkWith(condition.Slug));
    }

    private async Task<IActionResult?> AddAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Add))
        {
            AddProblem = "Type the name of a medicine to add.";
            return null;
        }

        if (InteractionChecker.NameProblem(Add) is { } nameProblem)
        {
            AddProblem = nameProblem.Problem;
            Add = Add.Length > InteractionChecker.MaxNameLength ? Add[..InteractionChecker.MaxNameLength] : Add;
            return null;
        }

        if (inputs.Count >= InteractionChecker.MaxMedicines)
        {
            AddProblem = $"Your list already has {InteractionChecker.MaxMedicines} medicines, the most we check at once. Remove one first.";
            return null;
        }

        var (found, unknown) = await checker.ResolveAsync([Add], cancellationToken);
        if (found.Count == 0)
        {
            var guess = unknown[0];
            AddProblem = $"We could not find “{Add}”.";
            if (guess.DidYouMeanSlug is not null)
                AddSuggestion = (guess.DidYouMeanSlug, guess.DidYouMeanName!);
            return null;
        }

        var drug = found[0].Drug;
        if (Found.Any(f => f.Drug.Id == drug.Id))
        {
            AddProblem = $"{drug.Name} is already on your list.";
            return null;
        }

        return Redirect(LinkWith(drug.Slug));
    }

    public string LinkWith(string slug) => Link([.. inputs, slug], conditionInputs);

    public string LinkWithout(string entry) => Link(inputs.Where(i => i != entry && Found.FirstOrDefault(f => f.Input == i)?.Drug.Slug != entry), conditionInputs);

    public string LinkReplacing(string entry, string slug) => Link(inputs.Select(i => i == entry ? slug : i), conditionInputs);

    public string ConditionLinkWith(string slug) => Link(inputs, [.. conditionInputs, slug]);

    public string ConditionLinkWithout(string entry) =>
        Link(inputs, conditionInputs.Where(i => i != entry && FoundConditions.FirstOrDefault(c => c.Input == i)?.Slug != entry));

    public string ConditionLinkReplacing(string entry, string slug) => Link(inputs, conditionInputs.Select(i => i == entry ? slug : i));

    private static string Link(IEnumerable<string> drugs, IEnumerable<string> conditions)
    {
        var query = new Dictionary<string, string?>();
        var joined = string.Join(",", drugs);
        if (joined.Length > 0)
            query["drugs"] = joined;
        var joinedConditions = string.Join(",", conditions);
        if (joinedConditions.Length > 0)
            query["conditions"] = joinedConditions;
        return QueryHelpers.AddQueryString("/interaction-checker", query);
    }
}
