using MedAtlas.Web.Features.MyMedicine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Tools.Planner.Pages;

/// <summary>A profile's week: calories eaten and burned, and carbohydrate, for the seven days to the date, as charts and a table.</summary>
[Authorize]
internal sealed class WeekModel(ProfileAccess access, PlannerLog log) : PageModel
{
    public ProfileGrant Grant { get; private set; } = null!;

    public PlannerWeek Week { get; private set; } = null!;

    public string? DateProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid profileId, string? date, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Viewer, cancellationToken, withConditionsAndAllergies: false) is not { } grant)
            return NotFound();
        Grant = grant;
        var (day, problem) = PlannerRules.Day(date, log.Today);
        DateProblem = problem;
        Week = await log.WeekAsync(grant, day, cancellationToken);
        return Page();
    }
}
