using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Features.Tools.Pages;

/// <summary>BMI as a plain form that posts (weight and height stay out of addresses); metric or imperial, age optional.</summary>
internal sealed class BmiModel : PageModel
{
    [BindProperty]
    public string Units { get; set; } = "metric";

    [BindProperty]
    public string? WeightKg { get; set; }

    [BindProperty]
    public string? HeightCm { get; set; }

    [BindProperty]
    public string? WeightLb { get; set; }

    [BindProperty]
    public string? HeightFt { get; set; }

    [BindProperty]
    public string? HeightIn { get; set; }

    [BindProperty]
    public string? Age { get; set; }

    public BmiResult? Result { get; private set; }

    public IActionResult OnPost()
    {
        var units = Units == "imperial" ? BmiUnits.Imperial : BmiUnits.Metric;
        Units = units == BmiUnits.Imperial ? "imperial" : "metric";
        decimal? Read(string? text, string field)
        {
            var (value, problem) = ToolInput.Number(text);
            if (problem is not null)
                ModelState.AddModelError(field, problem);
            return value;
        }

        int? age = null;
        if (Read(Age, nameof(Age)) is { } years)
        {
            if (years != Math.Floor(years) || years is < 0 or > 130)
                ModelState.AddModelError(nameof(Age), "Age is in whole years, 0 to 130 (or leave it empty).");
            else
                age = (int)years;
        }

        var input = units == BmiUnits.Metric
            ? new BmiInput(units, Read(WeightKg, nameof(WeightKg)), Read(HeightCm, nameof(HeightCm)), Age: age)
            : new BmiInput(units, WeightLb: Read(WeightLb, nameof(WeightLb)), HeightFt: Read(HeightFt, nameof(HeightFt)), HeightIn: Read(HeightIn, nameof(HeightIn)), Age: age);
        var result = BmiCalculator.Calculate(input);
        ToolInput.AddProblems(ModelState, result.Problems);

        if (ModelState.IsValid)
            Result = result;
        return Page();
    }
}
