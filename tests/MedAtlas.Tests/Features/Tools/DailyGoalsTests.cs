using MedAtlas.Web.Features.Tools.Planner;

namespace MedAtlas.Tests.Features.Tools;

public sealed class DailyGoalsTests
{
    private static GoalsResult Goals(double? kg, double? cm, int? age, string? sex, string activity = "Moderate", bool pregnant = false) =>
        DailyGoals.Calculate(new GoalsInput(kg, cm, age, sex, Enum.Parse<ActivityLevel>(activity), pregnant));

    [Fact]
    public void A_woman_of_70_kg_165_cm_and_40_moderately_active_gets_the_hand_worked_goals()
    {
        // 700 + 1,031.25 − 200 − 161 = 1,370.25; × 1.55 = 2,123.89 → 2,120 kcal.
        var result = Goals(70, 165, 40, "female");

        var goals = Assert.NotNull(result.Goals);
        Assert.Equal(2120, goals.Kcal);
        Assert.Equal(265, goals.CarbsG);    // 1,060 kcal ÷ 4
        Assert.Equal(106, goals.ProteinG);  // 424 kcal ÷ 4
        Assert.Equal(71, goals.FatG);       // 636 kcal ÷ 9 = 70.67
        Assert.Equal(30, goals.FibreG);     // 2.12 × 14 = 29.68
        Assert.Equal(2300, goals.SodiumMg);
        Assert.Equal(53, goals.SugarsG);    // 212 kcal ÷ 4
        Assert.Empty(result.Problems);
        Assert.Null(result.NotFor);
        Assert.StartsWith("Resting energy (Mifflin–St Jeor, female form): 10 × 70 kg = 700; 6.25 × 165 cm = 1,031.25; 5 × 40 years = 200; 700 + 1,031.25 − 200 − 161 = 1,370.25 kcal a day.", result.Steps[0], StringComparison.Ordinal);
        Assert.Contains("= 2,123.89 kcal a day, rounded to the nearest 10 kcal: 2,120 kcal.", result.Steps[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_man_of_80_kg_180_cm_and_30_sedentary_gets_the_hand_worked_goals()
    {
        // 800 + 1,125 − 150 + 5 = 1,780; × 1.2 = 2,136 → 2,140 kcal.
        var goals = Assert.NotNull(Goals(80, 180, 30, "male", "Sedentary").Goals);

        Assert.Equal(2140, goals.Kcal);
        Assert.Equal(268, goals.CarbsG);    // 1,070 ÷ 4 = 267.5, half up
        Assert.Equal(107, goals.ProteinG);
        Assert.Equal(71, goals.FatG);       // 642 ÷ 9 = 71.33
        Assert.Equal(30, goals.FibreG);     // 29.96
        Assert.Equal(54, goals.SugarsG);    // 214 ÷ 4 = 53.5, half up
    }

    [Theory]
    // Man, 80 kg, 180 cm, 30: resting 1,780 kcal.
    [InlineData("male", 80, 180, 30, "Sedentary", 2140)]   // 2,136
    [InlineData("male", 80, 180, 30, "Light", 2450)]       // 2,447.5
    [InlineData("male", 80, 180, 30, "Moderate", 2760)]    // 2,759
    [InlineData("male", 80, 180, 30, "Active", 3070)]      // 3,070.5
    [InlineData("male", 80, 180, 30, "VeryActive", 3380)]  // 3,382
    // Woman, 60 kg, 160 cm, 25: resting 600 + 1,000 − 125 − 161 = 1,314 kcal.
    [InlineData("female", 60, 160, 25, "Sedentary", 1580)]  // 1,576.8
    [InlineData("female", 60, 160, 25, "Light", 1810)]      // 1,806.75
    [InlineData("female", 60, 160, 25, "Moderate", 2040)]   // 2,036.7
    [InlineData("female", 60, 160, 25, "Active", 2270)]     // 2,266.65
    [InlineData("female", 60, 160, 25, "VeryActive", 2500)] // 2,496.6
    public void Each_activity_level_multiplies_the_resting_energy(string sex, double kg, double cm, int age, string activity, double kcal)
    {
        var result = Goals(kg, cm, age, sex, activity);

        Assert.Equal(kcal, Assert.NotNull(result.Goals).Kcal);
        Assert.Contains(DailyGoals.Describe(Enum.Parse<ActivityLevel>(activity)), result.Steps[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Energy_exactly_half_way_is_rounded_up_to_the_next_10_kcal()
    {
        // 740 + 1,125 − 150 + 5 = 1,720; × 1.375 = 2,365 exactly → 2,370, not the banker's 2,360.
        Assert.Equal(2370, Assert.NotNull(Goals(74, 180, 30, "male", "Light").Goals).Kcal);
    }

    [Fact]
    public void The_activity_levels_have_the_usual_factors_and_plain_words()
    {
        Assert.Equal([1.2, 1.375, 1.55, 1.725, 1.9], Enum.GetValues<ActivityLevel>().Select(DailyGoals.Factor));
        Assert.Contains("little or no exercise", DailyGoals.Describe(ActivityLevel.Sedentary), StringComparison.Ordinal);
        Assert.Equal(5, Enum.GetValues<ActivityLevel>().Select(DailyGoals.Describe).Distinct().Count());
    }

    [Theory]
    [InlineData(19.9, 165, 40, "female", "WeightKg")]
    [InlineData(301, 165, 40, "female", "WeightKg")]
    [InlineData(70, 99, 40, "female", "HeightCm")]
    [InlineData(70, 1.65, 40, "female", "HeightCm")]
    [InlineData(70, 251, 40, "female", "HeightCm")]
    [InlineData(70, 165, 121, "female", "AgeYears")]
    [InlineData(70, 165, 1, "female", "AgeYears")]
    [InlineData(70, 165, 40, null, "EquationSex")]
    [InlineData(70, 165, 40, "other", "EquationSex")]
    public void Implausible_or_missing_values_are_refused_beside_their_field(double kg, double cm, int age, string? sex, string field)
    {
        var result = Goals(kg, cm, age, sex);

        Assert.Null(result.Goals);
        Assert.Equal([field], result.Problems.Keys);
        Assert.Empty(result.Steps);
    }

    [Fact]
    public void Nothing_entered_gives_a_problem_for_each_field()
    {
        var result = Goals(null, null, null, null);

        Assert.Null(result.Goals);
        Assert.Equal(["AgeYears", "EquationSex", "HeightCm", "WeightKg"], result.Problems.Keys.Order());
        Assert.Contains("choose the one your care team would use", result.Problems["EquationSex"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    [InlineData(17)]
    public void Under_18_no_goals_are_worked_out_and_the_note_says_who_to_ask(int age)
    {
        var result = Goals(50, 160, age, "female");

        Assert.Null(result.Goals);
        Assert.Empty(result.Problems);
        Assert.Contains("needs change as they grow", result.NotFor, StringComparison.Ordinal);
        Assert.Contains("doctor or a dietitian", result.NotFor, StringComparison.Ordinal);
    }

    [Fact]
    public void At_18_the_adult_equation_applies()
    {
        Assert.NotNull(Goals(50, 160, 18, "female").Goals);
    }

    [Fact]
    public void Pregnancy_or_breastfeeding_gets_no_goals_but_the_care_team_note()
    {
        var result = Goals(70, 165, 30, "female", pregnant: true);

        Assert.Null(result.Goals);
        Assert.Empty(result.Problems);
        Assert.Contains("pregnancy and breastfeeding", result.NotFor, StringComparison.Ordinal);
        Assert.Contains("care team", result.NotFor, StringComparison.Ordinal);
    }

    [Fact]
    public void The_steps_say_sugars_is_a_rough_guide_and_the_goals_are_not_medical_advice()
    {
        var steps = Goals(70, 165, 40, "female").Steps;

        var sugars = Assert.Single(steps, s => s.StartsWith("Sugars:", StringComparison.Ordinal));
        Assert.Contains("added sugars", sugars, StringComparison.Ordinal);
        Assert.Contains("fruit and milk", sugars, StringComparison.Ordinal);
        Assert.Contains("rough guide", sugars, StringComparison.Ordinal);
        Assert.Contains(steps, s => s.Contains("nearest whole gram", StringComparison.Ordinal));
        Assert.Equal(DailyGoals.NotMedicalAdvice, steps[^1]);
        Assert.Contains("follow your care team's advice", steps[^1], StringComparison.Ordinal);
    }
}
