using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace MedAtlas.Web.Features.Interactions.Pages;

/// <summary>
/// The list lives in the address (<c>?drugs=warfarin,ibuprofen</c>) so it can be bookmarked and shared. Adding and
/// removing are plain links and a GET form, so the page works without JavaScript.
/// </summary>
internal sealed class CheckerModel(InteractionChecker checker) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "drugs")]
    public string? Drugs { get; set; }

    [BindProperty(SupportsGet = true, Name = "add")]
    public string? Add { get; set; }

    public IReadOnlyList<CheckedInput> Found { get; private set; } = [];

    public IReadOnlyList<UnknownInput> Unknown { get; private set; } = [];

    public InteractionReport? Report { get; private set; }

    public string? Problem { get; private set; }

    public string? AddProblem { get; private set; }

    public (string Slug, string Name)? AddSuggestion { get; private set; }

    private List<string> inputs = [];

    public string DrugsParameter => string.Join(",", inputs);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        inputs = InteractionsApi.Split(Drugs);
        if (inputs.Count > InteractionChecker.MaxMedicines)
        {
            Problem = InteractionChecker.Validate(inputs)!.Problem;
            inputs = inputs.Take(InteractionChecker.MaxMedicines).ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        (Found, Unknown) = await checker.ResolveAsync(inputs, cancellationToken);

        if (Add is not null)
        {
            var redirect = await AddAsync(cancellationToken);
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
            Report = await checker.CheckAsync(Found, Unknown, cancellationToken);
        return Page();
    }

    private async Task<IActionResult?> AddAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Add))
        {
            AddProblem = "Type the name of a medicine to add.";
            return null;
        }

        if (Add.Length > 200)
        {
            AddProblem = "That name is too long.";
            Add = Add[..200];
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

    public string LinkWith(string slug) => Link([.. inputs, slug]);

    public string LinkWithout(string entry) => Link(inputs.Where(i => i != entry && Found.FirstOrDefault(f => f.Input == i)?.Drug.Slug != entry));

    public string LinkReplacing(string entry, string slug) => Link(inputs.Select(i => i == entry ? slug : i));

    private static string Link(IEnumerable<string> list)
    {
        var joined = string.Join(",", list);
        return joined.Length == 0 ? "/interaction-checker" : QueryHelpers.AddQueryString("/interaction-checker", "drugs", joined);
    }
}
