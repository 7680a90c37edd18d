using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Pills.Pages;

[PublicCache]
internal sealed class CompareModel(PillCatalog catalog) : PageModel
{
    /// <summary>Four columns still fit a phone turned sideways and a printed page.</summary>
    public const int MaxPills = 4;

    [BindProperty(SupportsGet = true, Name = "ids")]
    public string? Ids { get; set; }

    /// <summary>The ticked boxes of the identifier's results, which a form without script can only send one by one.</summary>
    [BindProperty(SupportsGet = true, Name = "compare")]
    public List<string> Ticked { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "back")]
    public string? Back { get; set; }

    public IReadOnlyList<PillDetails> Pills { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>Where "back to the results" goes: only ever the identifier on this site (no open redirect).</summary>
    public string BackLink => Back is not null && Back.StartsWith(PillUrls.Identifier, StringComparison.Ordinal)
        && (Back.Length == PillUrls.Identifier.Length || Back[PillUrls.Identifier.Length] == '?')
        ? Back
        : PillUrls.Identifier;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var fromTicks = string.IsNullOrEmpty(Ids) && Ticked.Count > 0;
        var parts = fromTicks
            ? Ticked.OfType<string>().SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : (Ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
                return Refuse("The list of pills to compare is not valid. Go back to the results and tick the pills again.");
            if (!ids.Contains(id))
                ids.Add(id);
        }

        if (ids.Count == 0)
            return Refuse($"No pills were picked. Go back to the results and tick two to {MaxPills} pills to compare.");
        if (ids.Count > MaxPills)
            return Refuse($"You picked {ids.Count} pills. You can compare up to {MaxPills} at a time: go back and untick {ids.Count - MaxPills}.");

        // The ticked boxes arrive as compare=1&compare=2; the short address ?ids=1,2 is the one to bookmark and share.
        if (fromTicks)
            return Redirect(PillUrls.Compare(ids) + (Back is not null && BackLink == Back ? "&back=" + Uri.EscapeDataString(Back) : ""));

        Pills = await catalog.GetManyAsync(ids, cancellationToken);
        if (Pills.Count == 0)
            return NotFound();
        if (Pills.Count < ids.Count)
            Problem = $"{ids.Count - Pills.Count} of the pills you picked {(ids.Count - Pills.Count == 1 ? "is" : "are")} no longer in our data.";
        else if (Pills.Count == 1)
            Problem = "Pick at least one more pill to compare this one with.";
        return Page();
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
