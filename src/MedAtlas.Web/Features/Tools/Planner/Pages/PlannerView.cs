using MedAtlas.Web.Features.Foods;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MedAtlas.Web.Features.Tools.Planner.Pages;

/// <summary>
/// What the planner's partials render, for a profile (<see cref="Log"/> null) or a visitor (the log in the address):
/// one set of views, two sources. Links and forms carry the date, and for a visitor the log.
/// </summary>
internal sealed class PlannerView
{
    public required PlannerDay Day { get; init; }

    public PlannerWeek? Week { get; init; }

    /// <summary>"/my/profiles/{id}/planner" or "/tools/planner".</summary>
    public required string BaseUrl { get; init; }

    /// <summary>The visitor's log value ("" when empty); null for a profile.</summary>
    public string? Log { get; init; }

    public bool IsVisitor => Log is not null;

    /// <summary>Whether the forms to add and remove are shown (a profile's Viewer sees the day only).</summary>
    public bool CanChange { get; init; }

    /// <summary>Whose day it is, for headings and button names: "Sam's" or "Your".</summary>
    public string Whose { get; init; } = "Your";

    public string? Query { get; init; }

    public IReadOnlyList<FoodDetails> Hits { get; init; } = [];

    /// <summary>The food whose form was posted with a problem: its fields carry the messages.</summary>
    public string? PostedFoodId { get; init; }

    /// <summary>The weight exercise is worked out with, when known; else the exercise form asks for it.</summary>
    public double? KnownWeightKg { get; init; }

    public string DayUrl(DateOnly day) => Url(BaseUrl, day);

    public string WeekUrl(DateOnly day) => IsVisitor ? Url(BaseUrl, day) + "#week" : Url(BaseUrl + "/week", day);

    public string GoalsUrl => IsVisitor ? Url(BaseUrl, Day.Date) + "#goals" : BaseUrl + "/goals";

    private string Url(string path, DateOnly day)
    {
        var query = QueryString.Create("date", PlannerWords.Iso(day));
        if (!string.IsNullOrEmpty(Log))
            query = query.Add("log", Log);
        return path + query.ToUriComponent();
    }

    /// <summary>The planner's message for a field, from the page's model state.</summary>
    public static string? Error(ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) ? entry.Errors.FirstOrDefault()?.ErrorMessage : null;
}

/// <summary>A page with the goals form: the profile's goals page and the visitor's planner.</summary>
internal interface IPlannerGoalsPage
{
    GoalsForm Goals { get; }

    /// <summary>The equation's answer for the details shown (steps, or why it gives no goals).</summary>
    GoalsResult? Result { get; }

    bool CanChangeGoals { get; }
}

/// <summary>The planner's responses shared by its pages.</summary>
internal static class PlannerResults
{
    /// <summary>303 See Other: after a form's POST, the browser GETs the day again (and for a visitor, the new address).</summary>
    public static IActionResult SeeOther(string url) => new SeeOtherResult(url);

    public static void AddTo(this IReadOnlyDictionary<string, string> problems, ModelStateDictionary state, string prefix = "")
    {
        foreach (var (field, message) in problems)
            state.AddModelError(prefix.Length == 0 ? field : $"{prefix}.{field}", message);
    }

    private sealed class SeeOtherResult(string url) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.HttpContext.Response.Headers.Location = url;
            return Task.CompletedTask;
        }
    }

    /// <summary>The search hits with their measures, in the search's order.</summary>
    public static async Task<IReadOnlyList<FoodDetails>> SearchAsync(FoodCatalog catalog, string? query, string? postedFoodId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        if (postedFoodId is { Length: > 0 and <= 5 })
            ids.Add(postedFoodId);
        if (!string.IsNullOrWhiteSpace(query))
            ids.AddRange((await catalog.SearchAsync(query.Trim(), 10, cancellationToken)).Select(h => h.Id));
        var found = await catalog.FindManyAsync(ids, cancellationToken);
        return [.. ids.Distinct().Where(found.ContainsKey).Select(id => found[id])];
    }

    public const int MaxQueryLength = 100;
}
