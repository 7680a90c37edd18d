using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Pills.Pages;

[PublicCache]
internal sealed class DetailsModel(PillCatalog catalog) : PageModel
{
    public PillDetails Pill { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await catalog.GetAsync(id, cancellationToken) is not { } pill)
            return NotFound();

        Pill = pill;
        return Page();
    }

    /// <summary>"Scored in half" for 2, "scored in quarters" for 4: what the label's score count means to a person.</summary>
    public static string? ScoreText(int? score) => score switch
    {
        null => null,
        <= 1 => "Not scored",
        2 => "Scored in half (2 pieces)",
        3 => "Scored in thirds (3 pieces)",
        4 => "Scored in quarters (4 pieces)",
        _ => $"Scored into {score} pieces",
    };

    public static string Title(string name) => name.Length == 0 ? name : name[0] + name[1..].ToLowerInvariant();
}
