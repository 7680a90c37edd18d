using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Accounts.Pages.Admin;

/// <summary>Background jobs and mail that could not be sent, with "retry". A placeholder until the job host brings its own page.</summary>
[Authorize(Policy = StaffRoles.Admin)]
internal sealed class JobsModel(AdminJobsView view) : PageModel
{
    public IReadOnlyList<JobState> Jobs { get; private set; } = [];

    public IReadOnlyList<FailedMail> FailedMail { get; private set; } = [];

    public int FailedTotal { get; private set; }

    [FromQuery(Name = "retried")]
    public bool Retried { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Jobs = await view.JobsAsync(cancellationToken);
        FailedMail = await view.FailedMailAsync(cancellationToken);
        FailedTotal = await view.FailedMailCountAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken) =>
        await view.RetryAsync(id, cancellationToken) ? Redirect("/admin/jobs?retried=true") : NotFound();
}
