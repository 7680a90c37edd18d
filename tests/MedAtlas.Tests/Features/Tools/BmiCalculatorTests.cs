using MedAtlas.Web.Features.Tools;

namespace MedAtlas.Tests.Features.Tools;

public sealed class BmiCalculatorTests
{
    [Theory]
    // kg ÷ m², rounded to one decimal, then read against the WHO table.
    [InlineData(70, 175, 22.9, "Healthy weight", null)]
    [InlineData(50, 170, 17.3, "Underweight", null)]
    [InlineData(53.465, 170, 18.5, "Healthy weight", null)]
    // 72.13 / 2.89 = 24.958: shown as 25.0, and read as 25.0.
    [InlineData(72.13, 170, 25.0, "Overweight", null)]
    [InlineData(95, 175, 31.0, "Obesity", "class I")]
    [InlineData(110, 170, 38.1, "Obesity", "class II")]
    [InlineData(130, 170, 45.0, "Obesity", "class III")]
    public void Metric_BMI_has_the_WHO_adult_category(double kg, double cm, double bmi, string category, string? obesityClass)
    {
        var result = BmiCalculator.Calculate(new BmiInput(BmiUnits.Metric, (decimal)kg, (decimal)cm, Age: 40));

        Assert.Equal((decimal)bmi, result.Bmi);
        Assert.Equal(category, result.Category);
        Assert.Equal(obesityClass, result.ObesityClass);
    }

    [Fact]
    public void Imperial_is_converted_exactly_and_gives_the_same_BMI()
    {
        // 154 lb = 69.853 kg; 5 ft 9 in = 69 in = 175.26 cm; 69.853 / 1.7526² = 22.74 (703 × 154 / 69² = 22.74 too).
        var result = BmiCalculator.Calculate(new BmiInput(BmiUnits.Imperial, WeightLb: 154, HeightFt: 5, HeightIn: 9));

        Assert.Equal(22.7m, result.Bmi);
        Assert.Equal("Healthy weight", result.Category);
        Assert.Contains("Weight: 154 lb × 0.45359237 = 69.85 kg.", result.Steps);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(19)]
    public void Children_and_teens_get_no_adult_category_but_the_percentile_note(int age)
    {
        var result = BmiCalculator.Calculate(new BmiInput(BmiUnits.Metric, 45, 150, Age: age));

        Assert.Equal(BmiAgeGroup.ChildOrTeen, result.AgeGroup);
        Assert.Null(result.Category);
        Assert.Contains("BMI-for-age percentile", result.AgeNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_two_BMI_is_not_used_and_at_twenty_the_adult_table_applies()
    {
        var baby = BmiCalculator.Calculate(new BmiInput(BmiUnits.Metric, 10, 80, Age: 1));
        var adult = BmiCalculator.Calculate(new BmiInput(BmiUnits.Metric, 45, 150, Age: 20));

        Assert.Null(baby.Category);
        Assert.Contains("BMI is not used for children under 2", baby.AgeNote, StringComparison.Ordinal);
        Assert.Equal("Overweight", BmiCalculator.Calculate(new BmiInput(BmiUnits.Metric, 60, 150, Age: 20)).Category);
        Assert.Equal("Healthy weight", adult.Category);
    }

    [Theory]
    [InlineData("metric", 0, 175, null, null, "WeightKg")]
    [InlineData("metric", 70, 1.75, null, null, "HeightCm")]
    [InlineData("imperial", 154, 5.5, 0.0, null, "HeightFt")]
    [InlineData("imperial", 154, 5, 14.0, null, "HeightIn")]
    [InlineData("metric", 70, 175, null, -1, "Age")]
    public void Implausible_values_are_refused_with_the_field(string system, double weight, double height, double? inches, int? age, string field)
    {
        var units = system == "metric" ? BmiUnits.Metric : BmiUnits.Imperial;
        var input = units == BmiUnits.Metric
            ? new BmiInput(units, (decimal)weight, (decimal)height, Age: age)
            : new BmiInput(units, WeightLb: (decimal)weight, HeightFt: (decimal)height, HeightIn: (decimal?)inches, Age: age);

        var result = BmiCalculator.Calculate(input);

        Assert.Null(result.Bmi);
        Assert.Equal([field], result.Problems.Keys);
    }
}
