using MedAtlas.Web.Features.Tools.Planner;

namespace MedAtlas.Tests.Features.Tools;

public sealed class ExerciseTableTests
{
    [Theory]
    // MET × kg × minutes ÷ 60, to the nearest whole kcal.
    [InlineData(3.5, 70, 30, 123)]   // 122.5, half up
    [InlineData(9.8, 70, 60, 686)]
    [InlineData(5.0, 80, 45, 300)]
    [InlineData(2.5, 60, 20, 50)]
    [InlineData(7.3, 55.5, 50, 338)] // 337.6
    [InlineData(4.0, 90, 0, 0)]
    public void Calories_are_MET_times_weight_times_hours(double met, double kg, int minutes, double kcal)
    {
        Assert.Equal(kcal, ExerciseTable.Kcal(met, kg, minutes));
    }

    [Fact]
    public void An_hour_of_brisk_walking_for_70_kg_uses_the_Compendium_value()
    {
        var walking = Assert.IsType<ExerciseActivity>(ExerciseTable.Find("17200"));

        Assert.Equal(4.3, walking.Met);
        Assert.Equal(301, ExerciseTable.Kcal(walking.Met, 70, 60));
    }

    [Fact]
    public void Every_code_is_unique_and_a_five_digit_Compendium_code()
    {
        Assert.InRange(ExerciseTable.All.Count, 20, 30);
        Assert.Equal(ExerciseTable.All.Count, ExerciseTable.All.Select(a => a.Code).Distinct().Count());
        Assert.Equal(ExerciseTable.All.Count, ExerciseTable.All.Select(a => a.Name).Distinct().Count());
        Assert.All(ExerciseTable.All, a => Assert.Matches("^[0-9]{5}$", a.Code));
    }

    [Fact]
    public void Every_MET_value_is_between_1_and_20()
    {
        Assert.All(ExerciseTable.All, a => Assert.InRange(a.Met, 1, 20));
    }

    [Fact]
    public void Walking_and_running_get_harder_with_pace()
    {
        string[] paces = ["17170", "17190", "17200", "17220", "12029", "12030", "12050", "12070"];

        var mets = paces.Select(c => ExerciseTable.Find(c)!.Met).ToList();

        Assert.Equal(mets.Order(), mets);
        Assert.Equal([3.0, 3.5, 4.3, 5.0, 6.0, 8.3, 9.8, 11.0], mets);
    }

    [Fact]
    public void An_unknown_code_is_not_found()
    {
        Assert.Null(ExerciseTable.Find("99999"));
        Assert.Null(ExerciseTable.Find(""));
        Assert.Contains("2011 Compendium of Physical Activities", ExerciseTable.Source, StringComparison.Ordinal);
    }
}
