using System.Globalization;
using MedAtlas.Web.Features.Foods;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace MedAtlas.Web.Features.Tools.Planner;

/// <summary>
/// The goals form as it posts: the Mifflin–St Jeor details and the seven goals, numbers as typed. The same form on a
/// profile's goals page and on the visitor's planner.
/// </summary>
internal sealed class GoalsForm
{
    public string? WeightKg { get; set; }
    public string? HeightCm { get; set; }
    public string? AgeYears { get; set; }
    public string? EquationSex { get; set; }
    public ActivityLevel Activity { get; set; } = ActivityLevel.Light;
    public bool PregnantOrBreastfeeding { get; set; }

    public string? Kcal { get; set; }
    public string? CarbsG { get; set; }
    public string? ProteinG { get; set; }
    public string? FatG { get; set; }
    public string? FibreG { get; set; }
    public string? SodiumMg { get; set; }
    public string? SugarsG { get; set; }

    /// <summary>The highest goal the form takes for each figure (the lowest is 0, calories 500).</summary>
    private static readonly Dictionary<string, double> Highest = new()
    {
        ["Kcal"] = 10000, ["CarbsG"] = 1500, ["ProteinG"] = 500, ["FatG"] = 500, ["FibreG"] = 200, ["SodiumMg"] = 10000, ["SugarsG"] = 500,
    };

    /// <summary>Prefilled from what is saved (goals) or else from the profile: birth year to age, sex, weight, pregnancy.</summary>
    public static GoalsForm From(PlannerGoals? saved, Profile? profile, DateOnly today)
    {
        var form = new GoalsForm();
        if (saved is not null)
        {
            form.WeightKg = N(saved.WeightKg);
            form.HeightCm = N(saved.HeightCm);
            form.AgeYears = saved.AgeYears?.ToString(CultureInfo.InvariantCulture);
            form.EquationSex = saved.EquationSex;
            form.Activity = saved.Activity;
            form.SetGoals(saved.Figures);
        }

        if (profile is not null)
        {
            form.WeightKg ??= N((double?)profile.WeightKg);
            form.AgeYears ??= profile.BirthYear is { } year ? (today.Year - year).ToString(CultureInfo.InvariantCulture) : null;
            form.EquationSex ??= profile.Sex switch { Sex.Female => "female", Sex.Male => "male", _ => null };
            form.PregnantOrBreastfeeding = profile.Pregnant || profile.Breastfeeding;
        }

        return form;
    }

    public void SetGoals(NutritionFigures goals)
    {
        Kcal = PlannerFigure.N(Math.Round(goals.Kcal ?? 0), "kcal").Replace(",", "", StringComparison.Ordinal);
        CarbsG = G(goals.CarbsG);
        ProteinG = G(goals.ProteinG);
        FatG = G(goals.FatG);
        FibreG = G(goals.FibreG);
        SodiumMg = goals.SodiumMg is { } s ? Math.Round(s).ToString(CultureInfo.InvariantCulture) : null;
        SugarsG = G(goals.SugarsG);
    }

    /// <summary>The equation's inputs; a field that is not a number gets its message under <paramref name="prefix"/> and counts as empty.</summary>
    public GoalsInput Input(ModelStateDictionary state, string prefix)
    {
        double? Read(string? text, string field)
        {
            var (value, problem) = ToolInput.Number(text);
            if (problem is not null)
                state.AddModelError($"{prefix}.{field}", problem);
            return (double?)value;
        }

        var age = Read(AgeYears, nameof(AgeYears));
        if (age is { } a && a != Math.Floor(a))
        {
            state.AddModelError($"{prefix}.{nameof(AgeYears)}", "Enter the age in whole years, like 40.");
            age = null;
        }

        return new GoalsInput(Read(WeightKg, nameof(WeightKg)), Read(HeightCm, nameof(HeightCm)), age is { } y ? (int)Math.Clamp(y, -1, 1000) : null,
            EquationSex is "female" or "male" ? EquationSex : null, Enum.IsDefined(Activity) ? Activity : ActivityLevel.Light, PregnantOrBreastfeeding);
    }

    /// <summary>The seven goals as typed, or null with a message beside each field that is empty, not a number or out of range.</summary>
    public NutritionFigures? TypedGoals(ModelStateDictionary state, string prefix)
    {
        var values = new Dictionary<string, double>();
        foreach (var figure in PlannerFigure.All)
        {
            var text = figure.Key switch
            {
                "Kcal" => Kcal, "CarbsG" => CarbsG, "ProteinG" => ProteinG, "FatG" => FatG, "FibreG" => FibreG, "SodiumMg" => SodiumMg, _ => SugarsG,
            };
            var (value, problem) = ToolInput.Number(text);
            var lowest = figure.Key == "Kcal" ? 500 : 0;
            var message = problem
                ?? (value is null ? $"Enter a {figure.GoalWord} for {figure.Lower}, in {figure.Unit}."
                : (double)value < lowest || (double)value > Highest[figure.Key] ? $"Enter a {figure.GoalWord} between {lowest} and {Highest[figure.Key]:#,0} {figure.Unit}."
                : null);
            if (message is not null)
                state.AddModelError($"{prefix}.{figure.Key}", message);
            else
                values[figure.Key] = (double)value!.Value;
        }

        return values.Count == PlannerFigure.All.Count
            ? new NutritionFigures(values["Kcal"], values["CarbsG"], values["ProteinG"], values["FatG"], values["FibreG"], values["SodiumMg"], values["SugarsG"])
            : null;
    }

    private static string? N(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture);

    private static string? G(double? value) => value is { } v ? Math.Round(v).ToString(CultureInfo.InvariantCulture) : null;
}
