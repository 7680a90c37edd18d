namespace MedAtlas.Web.Features.Tools.Planner;

/// <summary>An activity a person can log: its Compendium code, its name in plain words, and its MET value.</summary>
internal sealed record ExerciseActivity(string Code, string Name, double Met);

/// <summary>
/// Common activities with their MET values from the 2011 Compendium of Physical Activities, and the calories they use:
/// MET × weight (kg) × hours, since the Compendium defines 1 MET as about 1 kcal per kg of body weight per hour. It is
/// an estimate for an average adult: fitness, effort, terrain and the person all change the real figure.
/// </summary>
/// <remarks>
/// How the table was checked: each code, its description and its 2011 MET value were read in two independent
/// transcriptions of the Compendium's own tables (the Compendium web site, sites.google.com/site/compendiumofphysicalactivities):
/// the cleaned 2011 table in github.com/andyreagan/compendium-of-physical-activity (compendiumofphysicalactivities.csv,
/// which also lists the 1993 and 2000 values beside them) and the seed data of github.com/mlee86/met-burn-calculator.
/// All 30 agree. Activities asked for but not found under one clear code were not added; the names here are ours
/// (with km/h beside mph), the values are the Compendium's.
/// </remarks>
internal static class ExerciseTable
{
    public const string Source =
        "Ainsworth BE, Haskell WL, Herrmann SD, et al. 2011 Compendium of Physical Activities: a second update of codes and MET values. Med Sci Sports Exerc 2011;43(8):1575–81.";

    public const string EstimateNote =
        "Calories from exercise are an estimate: MET × your weight in kg × hours. People vary with fitness, effort and terrain, so the real figure can be higher or lower.";

    public static IReadOnlyList<ExerciseActivity> All { get; } =
    [
        new("17170", "Walking, slow (2.5 mph, 4 km/h), level ground", 3.0),
        new("17190", "Walking, moderate pace (about 3 mph, 5 km/h), level ground", 3.5),
        new("17200", "Walking, brisk (3.5 mph, 5.6 km/h), level ground", 4.3),
        new("17220", "Walking, very brisk (4 mph, 6.4 km/h), level ground", 5.0),
        new("17080", "Hiking, cross country", 6.0),
        new("17133", "Climbing stairs, slow pace", 4.0),
        new("12029", "Running, 4 mph (6.4 km/h, 15 minutes a mile)", 6.0),
        new("12030", "Running, 5 mph (8 km/h, 12 minutes a mile)", 8.3),
        new("12050", "Running, 6 mph (9.7 km/h, 10 minutes a mile)", 9.8),
        new("12070", "Running, 7 mph (11.3 km/h, about 8.5 minutes a mile)", 11.0),
        new("01010", "Cycling, leisure, under 10 mph (16 km/h)", 4.0),
        new("01020", "Cycling, leisure, 10 to 11.9 mph (16 to 19 km/h), light effort", 6.8),
        new("02010", "Cycling, stationary bike, general", 7.0),
        new("18240", "Swimming laps, front crawl, slow, light or moderate effort", 5.8),
        new("18230", "Swimming laps, front crawl, fast, vigorous effort", 9.8),
        new("02120", "Water aerobics", 5.3),
        new("02150", "Yoga, hatha", 2.5),
        new("02054", "Weight training, several exercises, 8 to 15 repetitions", 3.5),
        new("02050", "Weight training, power lifting or body building, vigorous effort", 6.0),
        new("03020", "Aerobics, low impact", 5.0),
        new("03015", "Aerobics, general", 7.3),
        new("03031", "Dancing, general (disco, folk, line dancing, country)", 7.8),
        new("02048", "Elliptical trainer, moderate effort", 5.0),
        new("02071", "Rowing machine, moderate effort", 4.8),
        new("08245", "Gardening, general, moderate effort", 3.8),
        new("05026", "Housework, several tasks at once, moderate effort", 3.5),
        new("15675", "Tennis, general", 7.3),
        new("15055", "Basketball, general", 6.5),
        new("15610", "Soccer, casual", 7.0),
        new("15265", "Golf, walking and carrying clubs", 4.3),
    ];

    private static readonly Dictionary<string, ExerciseActivity> ByCode = All.ToDictionary(a => a.Code, StringComparer.Ordinal);

    public static ExerciseActivity? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>Calories used, to the nearest whole kcal: MET × weight (kg) × minutes ÷ 60.</summary>
    public static double Kcal(double met, double weightKg, int minutes) =>
        Math.Round(met * weightKg * minutes / 60.0, MidpointRounding.AwayFromZero);
}
