using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Admin;

/// <summary>Background jobs (every registered one, also before its first run) and mail that could not be sent, with "retry".</summary>
[Authorize(Policy = StaffRoles.Admin)]
internal sealed class JobsModel(JobStatuses jobs, FailedMails failedMails) : PageModel
{
    public const int FailedMailLimit = 100;

    public IReadOnlyList<JobStatus> Jobs { get; private set; } = [];

    public IReadOnlyList<FailedMail> FailedMail { get; private set; } = [];

    [FromQuery(Name = "retried")]
    public bool Retried { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Jobs = await jobs.ListAsync(cancellationToken);
        FailedMail = await failedMails.ListAsync(FailedMailLimit, cancellationToken);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken) =>
        await failedMails.RetryAsync(id, cancellationToken) ? Redirect("/admin/jobs?retried=true") : NotFound();
}
