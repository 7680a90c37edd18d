using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Drugs.Pages;

[PublicCache("kind", "class", "letter", "page")]
internal sealed class IndexModel(DrugCatalog catalog) : PageModel
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<char> Letters = [.. "ABCDEFGHIJKLMNOPQRSTUVWXYZ#"];

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? KindCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "class")]
    public string? Class { get; set; }

    [BindProperty(SupportsGet = true, Name = "letter")]
    public string? LetterText { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public DrugKind? Kind { get; private set; }

    public char? Letter { get; private set; }

    public string? Problem { get; private set; }

    public string Heading { get; private set; } = "Drugs & Supplements A to Z";

    public IReadOnlyList<NamedLink> Classes { get; private set; } = [];

    public DrugPage Results { get; private set; } = new(0, 1, PageSize, []);

    public Pager Pager => new(Results.Page, Results.PageSize, Results.Total, p => Link(page: p));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Classes = await catalog.ClassesAsync(cancellationToken);
        var problems = new List<string>();
        if (!string.IsNullOrEmpty(KindCode))
        {
            Kind = DrugKinds.Parse(KindCode);
            if (Kind is null)
                problems.Add($"There is no type called “{Truncate(KindCode)}”; showing all types.");
        }

        if (!string.IsNullOrEmpty(Class) && Classes.All(c => c.Slug != Class))
        {
            problems.Add($"There is no drug class “{Truncate(Class)}”; showing all classes.");
            Class = null;
        }

        if (!string.IsNullOrEmpty(LetterText))
        {
            var letter = char.ToUpperInvariant(LetterText[0]);
            if (LetterText.Length == 1 && Letters.Contains(letter))
                Letter = letter;
            else
                problems.Add("Pick a letter from A to Z, or 0-9.");
        }

        if (PageNumber < 1)
            PageNumber = 1;
        if (problems.Count > 0)
        {
            Problem = string.Join(" ", problems);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        if (Letter is { } l)
            Heading = l == '#' ? "Drugs & Supplements: 0-9" : $"Drugs & Supplements: {l}";
        Results = await catalog.BrowseAsync(Kind, Class, Letter, PageNumber, PageSize, cancellationToken);
    }

    public string Link(char? letter = null, bool clearLetter = false, int? page = null)
    {
        var query = new Dictionary<string, string?>();
        var chosenLetter = clearLetter ? null : letter ?? Letter;
        if (chosenLetter is { } c)
            query["letter"] = c.ToString();
        if (Kind is { } k)
            query["kind"] = DrugKinds.Code(k);
        if (!string.IsNullOrEmpty(Class))
            query["class"] = Class;
        if (page is > 1)
            query["page"] = page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/drugs", query);
    }

    private static string Truncate(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
