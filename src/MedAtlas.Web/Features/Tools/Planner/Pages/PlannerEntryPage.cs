using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Tools.Planner.Pages;

/// <summary>
/// The add-food and add-exercise forms' fields, shared by a profile's day and the visitor's planner: numbers come as
/// text, so "lots" gets the planner's message beside the field, not the model binder's.
/// </summary>
internal abstract class PlannerEntryPage : PageModel
{
    [BindProperty]
    public string? FoodId { get; set; }

    [BindProperty]
    public Meal Meal { get; set; }

    [BindProperty]
    public string? PortionSeq { get; set; }

    [BindProperty]
    public string? Quantity { get; set; }

    [BindProperty]
    public string? ActivityCode { get; set; }

    [BindProperty]
    public string? Minutes { get; set; }

    [BindProperty]
    public string? WeightKg { get; set; }

    /// <summary>The posted food line; a portion that is not a number is -1, which the rules refuse beside its field.</summary>
    protected FoodRequest PostedFood => new(FoodId, Meal, int.TryParse(PortionSeq, out var seq) ? seq : -1, Quantity);

    protected ExerciseRequest PostedExercise => new(ActivityCode, Minutes, WeightKg);
}
