using MedAtlas.Web.Features.Foods;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Tools.Planner.Pages;

/// <summary>A profile's planner day: what was eaten by meal, the exercise, the totals against the goals; add and remove (Manager).</summary>
[Authorize]
internal sealed class DayModel(ProfileAccess access, PlannerLog log, FoodCatalog catalog) : PlannerEntryPage
{
    public ProfileGrant Grant { get; private set; } = null!;

    public PlannerView View { get; private set; } = null!;

    public string? DateProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid profileId, string? date, string? q, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Viewer, cancellationToken, withConditionsAndAllergies: false) is not { } grant)
            return NotFound();
        Grant = grant;
        var (day, problem) = PlannerRules.Day(date, log.Today);
        DateProblem = problem;
        return await ShowAsync(day, q, null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAddFoodAsync(Guid profileId, string? date, string? q, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken, withConditionsAndAllergies: false) is not { } grant)
            return NotFound();
        Grant = grant;
        var day = PlannerRules.Day(date, log.Today).Day;
        var request = PostedFood;
        var problems = await log.AddFoodAsync(grant, day, request, User, cancellationToken);
        if (problems.Count == 0)
            return PlannerResults.SeeOther(DayAddress(profileId, day) + $"#meal-{Meal.ToString().ToLowerInvariant()}");
        problems.AddTo(ModelState);
        return await ShowAsync(day, q, FoodId, cancellationToken);
    }

    public async Task<IActionResult> OnPostAddExerciseAsync(Guid profileId, string? date, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken, withConditionsAndAllergies: false) is not { } grant)
            return NotFound();
        Grant = grant;
        var day = PlannerRules.Day(date, log.Today).Day;
        var problems = await log.AddExerciseAsync(grant, day, PostedExercise, User, cancellationToken);
        if (problems.Count == 0)
            return PlannerResults.SeeOther(DayAddress(profileId, day) + "#exercise");
        problems.AddTo(ModelState);
        return await ShowAsync(day, null, null, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveFoodAsync(Guid profileId, Guid id, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken, withConditionsAndAllergies: false) is not { } grant
            || await log.RemoveFoodAsync(grant, id, User, cancellationToken) is not { } day)
            return NotFound();
        return PlannerResults.SeeOther(DayAddress(profileId, day));
    }

    public async Task<IActionResult> OnPostRemoveExerciseAsync(Guid profileId, Guid id, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(User, profileId, ProfileRole.Manager, cancellationToken, withConditionsAndAllergies: false) is not { } grant
            || await log.RemoveExerciseAsync(grant, id, User, cancellationToken) is not { } day)
            return NotFound();
        return PlannerResults.SeeOther(DayAddress(profileId, day) + "#exercise");
    }

    private static string BaseUrl(Guid profileId) => $"/my/profiles/{profileId}/planner";

    private static string DayAddress(Guid profileId, DateOnly day) => $"{BaseUrl(profileId)}?date={PlannerWords.Iso(day)}";

    private async Task<IActionResult> ShowAsync(DateOnly day, string? q, string? postedFoodId, CancellationToken cancellationToken)
    {
        q = q is { Length: > PlannerResults.MaxQueryLength } ? q[..PlannerResults.MaxQueryLength] : q;
        var (planner, knownWeightKg) = await log.DayAsync(Grant, day, cancellationToken);
        View = new PlannerView
        {
            Day = planner,
            BaseUrl = BaseUrl(Grant.Profile.Id),
            CanChange = Grant.CanManage,
            Whose = $"{Grant.Profile.Name}'s",
            Query = q,
            Hits = Grant.CanManage ? await PlannerResults.SearchAsync(catalog, q, postedFoodId, cancellationToken) : [],
            PostedFoodId = postedFoodId,
            KnownWeightKg = Grant.CanManage ? knownWeightKg : null,
        };
        return Page();
    }
}
