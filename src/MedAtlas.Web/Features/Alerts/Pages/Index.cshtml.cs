using System.Globalization;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Alerts.Pages;

/// <summary>
/// /alerts: every recall and safety notice, newest first, narrowed by a GET form that works without JavaScript. A
/// field that cannot be read (a date that is no date, an end before the start, a drug the catalogue does not know)
/// gets its message beside it and the list is not shown, so nobody reads an unfiltered list as the answer.
/// </summary>
[PublicCache("class", "status", "source", "from", "to", "page")]
internal sealed class IndexModel(AlertCatalog alerts, ManualMatches drugs) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "class")]
    public string? Class { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "source")]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "drug")]
    public string? Drug { get; set; }

    // From the query only: "page" is also the route value Razor Pages names the page by.
    [FromQuery(Name = "page")]
    public string? PageText { get; set; }

    /// <summary>The drug the list is narrowed to, by name, once found.</summary>
    public string? DrugName { get; private set; }

    public AlertPage? Results { get; private set; }

    public Pager Pager => new(Results?.Page ?? 1, AlertCatalog.PageSize, Results?.Total ?? 0, Link);

    private AlertFilter filter = new();
    private string? drugSlug;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Class = Blank(Class);
        Status = Blank(Status);
        Source = Blank(Source);
        Drug = Blank(Drug);

        var classification = Class is null ? null : AlertCatalog.Classes.FirstOrDefault(c => c.Value == Class).Stored;
        if (Class is not null && classification is null)
            ModelState.AddModelError("class", "Choose a class from the list.");
        var status = Status is null ? null : AlertCatalog.Statuses.FirstOrDefault(s => string.Equals(s, Status, StringComparison.OrdinalIgnoreCase));
        if (Status is not null && status is null)
            ModelState.AddModelError("status", "Choose a status from the list.");
        if (Source is not null && AlertCatalog.Sources.All(s => s.Value != Source))
            ModelState.AddModelError("source", "Choose a source from the list.");

        var from = Date("from", From);
        var to = Date("to", To);
        if (from is { } start && to is { } end && end < start)
            ModelState.AddModelError("to", "The end date is before the start date. Enter an end date on or after " + start.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture) + ".");

        if (Drug is not null)
        {
            var choice = await drugs.ResolveAsync(Drug, cancellationToken);
            if (choice.Found)
            {
                drugSlug = choice.Slug;
                DrugName = choice.Name;
            }
            else
            {
                ModelState.AddModelError("drug", choice.Problem!);
            }
        }

        if (!ModelState.IsValid)
            return;

        filter = new AlertFilter(classification, status, Source, from, to, drugSlug);
        var page = int.TryParse(PageText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        Results = await alerts.ListAsync(filter, page, AlertCatalog.PageSize, cancellationToken);
    }

    /// <summary>This list's address with the same filters, at <paramref name="page"/>.</summary>
    public string Link(int page)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                parts.Add(name + "=" + Uri.EscapeDataString(value));
        }

        Add("class", Class);
        Add("status", Status);
        Add("source", Source);
        Add("from", From?.Trim());
        Add("to", To?.Trim());
        Add("drug", drugSlug ?? Drug);
        if (page > 1)
            parts.Add("page=" + page.ToString(CultureInfo.InvariantCulture));
        return "/alerts" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }

    public bool Filtered => Class is not null || Status is not null || Source is not null || From is not null || To is not null || Drug is not null;

    private DateOnly? Date(string field, string? text)
    {
        text = Blank(text);
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= 1900 && date.Year <= 9999)
            return date;
        ModelState.AddModelError(field, "Enter a real date, like 2024-01-31 (year, month, day).");
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
