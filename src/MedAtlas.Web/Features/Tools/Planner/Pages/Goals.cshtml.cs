using MedAtlas.Web.Features.MyMedicine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Tools.Planner.Pages;

/// <summary>A profile's daily goals: worked out with Mifflin–St Jeor from the profile's details, or typed (then custom).</summary>
[Authorize]
internal sealed class GoalsModel(ProfileAccess access, PlannerLog log) : PageModel, IPlannerGoalsPage
{
    [BindProperty]
    public GoalsForm Goals { get; set; } = new();

    public GoalsResult? Result { get; private set; }

    public bool CanChangeGoals => Grant.CanManage;

    public ProfileGrant Grant { get; private set; } = null!;

    public PlannerGoals? Saved { get; private set; }

    public bool JustSaved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid profileId, string? saved, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Viewer, cancellationToken, withConditionsAndAllergies: false) is not { } grant)
            return NotFound();
        Grant = grant;
        Saved = await log.GoalsAsync(grant, cancellationToken);
        Goals = GoalsForm.From(Saved, grant.Profile, log.Today);
        JustSaved = saved == "1";
        var input = Goals.Input(new(), nameof(Goals));
        if (input.WeightKg is not null && input.HeightCm is not null && input.AgeYears is not null && input.EquationSex is not null)
            Result = DailyGoals.Calculate(input);
        return Page();
    }

    public async Task<IActionResult> OnPostCalculateAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken, withConditionsAndAllergies: false) is not { } grant)
            return NotFound();
        Grant = grant;
        var input = Goals.Input(ModelState, nameof(Goals));
        Result = DailyGoals.Calculate(input);
        Result.Problems.AddTo(ModelState, nameof(Goals));
        if (ModelState.IsValid && Result.Goals is { } goals)
        {
            await log.SaveGoalsAsync(grant, input, goals, custom: false, User, cancellationToken);
            return PlannerResults.SeeOther($"/my/profiles/{profileId}/planner/goals?saved=1");
        }

        Saved = await log.GoalsAsync(grant, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveGoalsAsync(Guid profileId, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken, withConditionsAndAllergies: false) is not { } grant)
            return NotFound();
        Grant = grant;
        // The details are kept with typed goals when they can be read; they are not needed for them.
        var details = Goals.Input(new(), nameof(Goals));
        var typed = Goals.TypedGoals(ModelState, nameof(Goals));
        if (typed is { } goals)
        {
            await log.SaveGoalsAsync(grant, details, goals, custom: true, User, cancellationToken);
            return PlannerResults.SeeOther($"/my/profiles/{profileId}/planner/goals?saved=1");
        }

        Saved = await log.GoalsAsync(grant, cancellationToken);
        return Page();
    }
}
