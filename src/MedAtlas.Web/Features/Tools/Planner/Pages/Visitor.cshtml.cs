using MedAtlas.Web.Features.Foods;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Tools.Planner.Pages;

/// <summary>
/// The planner for anyone, signed in or not: the log lives in the page's address (the <c>log</c> value) and nowhere
/// else. Every form posts the current log with its change; the answer is 303 to the new address.
/// </summary>
internal sealed class VisitorModel(VisitorPlanner planner, FoodCatalog catalog, ProfileAccess access, TimeProvider time) : PlannerEntryPage, IPlannerGoalsPage
{
    public const string Path = "/tools/planner";

    public PlannerView View { get; private set; } = null!;

    /// <summary>Why the log in the address was not read, or why a change could not be kept.</summary>
    public string? LogProblem { get; private set; }

    public string? DateProblem { get; private set; }

    public IReadOnlyList<(Profile Profile, ProfileRole Role)> Profiles { get; private set; } = [];

    [BindProperty]
    public GoalsForm Goals { get; set; } = new();

    public GoalsResult? Result { get; private set; }

    public bool CanChangeGoals => true;

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(string? log, string? date, string? q, CancellationToken cancellationToken)
    {
        var (day, problem) = PlannerRules.Day(date, Today);
        DateProblem = problem;
        var (read, logProblem) = AnonymousLog.Decode(log);
        LogProblem = logProblem;
        var current = read ?? AnonymousLog.Empty;
        Goals = FormOf(current);
        return await ShowAsync(current, day, q, null, cancellationToken);
    }

    public async Task<IActionResult> OnPostAddFoodAsync(string? log, string? date, string? q, CancellationToken cancellationToken)
    {
        var (current, day) = Posted(log, date);
        var request = PostedFood;
        var (changed, problems) = await planner.AddFoodAsync(current, day, request, cancellationToken);
        problems.AddTo(ModelState);
        Goals = FormOf(current);
        return await KeepAsync(current, changed, day, q, FoodId, $"#meal-{Meal.ToString().ToLowerInvariant()}", cancellationToken);
    }

    public async Task<IActionResult> OnPostAddExerciseAsync(string? log, string? date, CancellationToken cancellationToken)
    {
        var (current, day) = Posted(log, date);
        var (changed, problems) = VisitorPlanner.AddExercise(current, day, PostedExercise);
        problems.AddTo(ModelState);
        Goals = FormOf(current);
        return await KeepAsync(current, changed, day, null, null, "#exercise", cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveFoodAsync(string? log, string? date, string? id, CancellationToken cancellationToken)
    {
        var (current, day) = Posted(log, date);
        return VisitorPlanner.Remove(current, "food", id) is { } changed ? await KeepAsync(current, changed, day, null, null, "", cancellationToken) : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveExerciseAsync(string? log, string? date, string? id, CancellationToken cancellationToken)
    {
        var (current, day) = Posted(log, date);
        return VisitorPlanner.Remove(current, "exercise", id) is { } changed ? await KeepAsync(current, changed, day, null, null, "#exercise", cancellationToken) : NotFound();
    }

    public async Task<IActionResult> OnPostCalculateAsync(string? log, string? date, CancellationToken cancellationToken)
    {
        var (current, day) = Posted(log, date);
        var input = Goals.Input(ModelState, nameof(Goals));
        Result = DailyGoals.Calculate(input);
        Result.Problems.AddTo(ModelState, nameof(Goals));
        var changed = ModelState.IsValid && Result.Goals is not null
            ? current with { WeightKg = input.WeightKg, Goals = new AnonymousGoals(input.HeightCm, input.AgeYears, input.EquationSex, input.Activity, input.PregnantOrBreastfeeding, null) }
            : null;
        return await KeepAsync(current, changed, day, null, null, "#goals", cancellationToken);
    }

    public async Task<IActionResult> OnPostSaveGoalsAsync(string? log, string? date, CancellationToken cancellationToken)
    {
        var (current, day) = Posted(log, date);
        var details = Goals.Input(new(), nameof(Goals));
        var typed = Goals.TypedGoals(ModelState, nameof(Goals));
        var changed = typed is null ? null : current with
        {
            WeightKg = PlannerRules.Weight((decimal?)details.WeightKg) ?? current.WeightKg,
            Goals = new AnonymousGoals(details.HeightCm, details.AgeYears, details.EquationSex, details.Activity, details.PregnantOrBreastfeeding, typed),
        };
        return await KeepAsync(current, changed, day, null, null, "#goals", cancellationToken);
    }

    /// <summary>The log and day a form posted. A log that cannot be read counts as empty: the page already said so.</summary>
    private (AnonymousLog Log, DateOnly Day) Posted(string? log, string? date) =>
        (AnonymousLog.Decode(log).Log ?? AnonymousLog.Empty, PlannerRules.Day(date, Today).Day);

    /// <summary>303 to the changed log's address; or the page again with the problems (and the log as it was).</summary>
    private async Task<IActionResult> KeepAsync(AnonymousLog current, AnonymousLog? changed, DateOnly day, string? q, string? postedFoodId, string fragment, CancellationToken cancellationToken)
    {
        if (changed is not null)
        {
            var value = changed.Encode();
            if (value.Length <= AnonymousLog.MaxLength)
                return PlannerResults.SeeOther(Address(changed.IsEmpty ? null : value, day) + fragment);
            LogProblem = $"The log is full: an address can hold about {AnonymousLog.MaxLength:#,0} characters, and this change would make it longer. Remove a few lines, or sign in to keep the planner in a profile.";
        }

        return await ShowAsync(current, day, q, postedFoodId, cancellationToken);
    }

    /// <summary>"/tools/planner?log=…&amp;date=…": the log value is base64url, safe in an address as it is.</summary>
    public static string Address(string? log, DateOnly day) =>
        Path + (log is null ? QueryString.Empty : QueryString.Create("log", log)).Add("date", PlannerWords.Iso(day)).ToUriComponent();

    private static GoalsForm FormOf(AnonymousLog log)
    {
        var form = new GoalsForm();
        var i = VisitorPlanner.Input(log);
        form.WeightKg = i.WeightKg?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form.HeightCm = i.HeightCm?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form.AgeYears = i.AgeYears?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        form.EquationSex = i.EquationSex;
        form.Activity = i.Activity;
        form.PregnantOrBreastfeeding = i.PregnantOrBreastfeeding;
        if (VisitorPlanner.Goals(log) is { } goals)
            form.SetGoals(goals);
        return form;
    }

    private async Task<IActionResult> ShowAsync(AnonymousLog log, DateOnly day, string? q, string? postedFoodId, CancellationToken cancellationToken)
    {
        q = q is { Length: > PlannerResults.MaxQueryLength } ? q[..PlannerResults.MaxQueryLength] : q;
        var (plannerDay, week) = await planner.ShowAsync(log, day, cancellationToken);
        var value = log.IsEmpty ? "" : log.Encode();
        View = new PlannerView
        {
            Day = plannerDay,
            Week = week,
            BaseUrl = Path,
            Log = value,
            CanChange = true,
            Query = q,
            Hits = await PlannerResults.SearchAsync(catalog, q, postedFoodId, cancellationToken),
            PostedFoodId = postedFoodId,
            KnownWeightKg = log.WeightKg,
        };
        Result ??= log.Goals is { Typed: null } ? DailyGoals.Calculate(VisitorPlanner.Input(log)) : null;
        if (User.Identity?.IsAuthenticated == true)
            Profiles = await access.ListAsync(User, cancellationToken);
        // The address holds the visitor's log: no shared cache keeps a copy of the page.
        if (value.Length > 0)
            Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
