namespace MedAtlas.Web.Features.Tools.Planner;

// TEMPORARY (planner branch): the contract the "bolus" task writes; replaced by its file when that branch is merged.
internal sealed record ExerciseActivity(string Code, string Name, double Met);

internal static class ExerciseTable
{
    public const string Source = "2011 Compendium of Physical Activities (Ainsworth et al.).";

    public static IReadOnlyList<ExerciseActivity> All { get; } =
    [
        new("17160", "Walking, 2.8 to 3.2 mph, level, moderate pace", 3.5),
        new("12030", "Running, 6 mph (10 min/mile)", 9.8),
        new("01020", "Bicycling, 10 to 11.9 mph, leisure, slow, light effort", 6.8),
    ];

    public static ExerciseActivity? Find(string code) => All.FirstOrDefault(a => a.Code == code);

    public static double Kcal(double met, double weightKg, int minutes) => met * weightKg * minutes / 60.0;
}
