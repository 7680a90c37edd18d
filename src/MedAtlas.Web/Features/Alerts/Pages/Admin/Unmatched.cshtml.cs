using System.Globalization;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Alerts.Pages.Admin;

/// <summary>
/// /admin/alerts/unmatched: recalls and notices matched to no catalogue drug, newest first, each with a form to link
/// it by hand; and the links made by hand, each with "remove". A name the catalogue does not know is answered beside
/// its row's field.
/// </summary>
[Authorize(Policy = StaffRoles.EditorOrAdmin)]
internal sealed class UnmatchedModel(AlertCatalog alerts, ManualMatches matches) : PageModel
{
    public const int LinkCount = 100;

    // From the query only: "page" is also the route value Razor Pages names the page by.
    [FromQuery(Name = "page")]
    public string? PageText { get; set; }

    /// <summary>After a change: "linked" or "removed", with the record (<see cref="Kind"/>, <see cref="Id"/>) and the drug's slug.</summary>
    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    [FromQuery(Name = "kind")]
    public AlertKind? Kind { get; set; }

    [FromQuery(Name = "id")]
    public int? Id { get; set; }

    [FromQuery(Name = "drug")]
    public string? DoneDrug { get; set; }

    /// <summary>"D-0206-2024 is now linked to Cetirizine.", from ids, so a link cannot put other words on this page.</summary>
    public string? Note { get; private set; }

    public AlertPage Results { get; private set; } = new([], 0, 0, 1, AlertCatalog.PageSize);

    public IReadOnlyList<ManualLink> Links { get; private set; } = [];

    public Pager Pager => new(Results.Page, AlertCatalog.PageSize, Results.Total, p => "/admin/alerts/unmatched" + (p > 1 ? "?page=" + p.ToString(CultureInfo.InvariantCulture) : ""));

    /// <summary>What the failed form's field held, to show it again.</summary>
    public string? Typed { get; private set; }

    public static string FieldId(AlertKind kind, int id) => $"drug-{kind}-{id.ToString(CultureInfo.InvariantCulture)}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Done is "linked" or "removed" && Kind is { } kind && Id is { } id && DoneDrug is { Length: > 0 and <= ManualMatches.NameMaxLength } slug
            && await alerts.RecordNameAsync(kind, id, cancellationToken) is { } record)
        {
            var drug = await alerts.DrugNameAsync(slug, cancellationToken) ?? slug;
            Note = Done == "linked" ? $"{record} is now linked to {drug}." : $"The link from {record} to {drug} is removed.";
        }

        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostLinkAsync(AlertKind kind, int id, string? drug, CancellationToken cancellationToken)
    {
        var result = await matches.LinkAsync(kind, id, drug, User, cancellationToken);
        if (result.NotFound)
            return NotFound();
        if (result.Succeeded)
            return Redirect(Back("linked", kind, id, result.DrugSlug!));
        ModelState.AddModelError(FieldId(kind, id), result.Problem!);
        Typed = drug;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUnlinkAsync(AlertKind kind, int id, string? slug, CancellationToken cancellationToken) =>
        await matches.UnlinkAsync(kind, id, slug, User, cancellationToken) ? Redirect(Back("removed", kind, id, slug!)) : NotFound();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var page = int.TryParse(PageText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        Results = await alerts.ListAsync(new AlertFilter(UnmatchedOnly: true), page, AlertCatalog.PageSize, cancellationToken);
        Links = await alerts.ManualLinksAsync(LinkCount, cancellationToken);
    }

    private static string Back(string done, AlertKind kind, int id, string slug) =>
        $"/admin/alerts/unmatched?done={done}&kind={kind}&id={id.ToString(CultureInfo.InvariantCulture)}&drug={Uri.EscapeDataString(slug)}";
}
