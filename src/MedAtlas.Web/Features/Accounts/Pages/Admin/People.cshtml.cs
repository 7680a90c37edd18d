using MedAtlas.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Admin;

/// <summary>Find people by email or display name, and the audit log of staff changes. The changes are on <see cref="PersonModel"/>.</summary>
[Authorize(Policy = StaffRoles.Admin)]
internal sealed class PeopleModel(StaffDirectory directory, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "log")]
    public int LogPage { get; set; } = 1;

    public IReadOnlyList<PersonSummary> People { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Log { get; private set; } = [];

    public Pager PeoplePager { get; private set; } = null!;

    public Pager LogPager { get; private set; } = null!;

    public DateTimeOffset Now { get; } = time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Query is { Length: > StaffDirectory.SearchMaxLength })
        {
            ModelState.AddModelError("q", $"Search for at most {StaffDirectory.SearchMaxLength} characters.");
            Query = Query[..StaffDirectory.SearchMaxLength];
        }

        PageNumber = Math.Max(1, PageNumber);
        LogPage = Math.Max(1, LogPage);
        var (people, total) = await directory.FindAsync(Query, PageNumber, cancellationToken);
        People = people;
        var (log, logTotal) = await directory.AuditLogAsync(LogPage, cancellationToken);
        Log = log;
        PeoplePager = new Pager(PageNumber, StaffDirectory.PageSize, total, p => Link(p, LogPage));
        LogPager = new Pager(LogPage, StaffDirectory.AuditPageSize, logTotal, p => Link(PageNumber, p) + "#audit-title");
    }

    private string Link(int page, int log)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Query))
            parts.Add("q=" + Uri.EscapeDataString(Query));
        if (page > 1)
            parts.Add("page=" + page);
        if (log > 1)
            parts.Add("log=" + log);
        return "/admin/people" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }
}
