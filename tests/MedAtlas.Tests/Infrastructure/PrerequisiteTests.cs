using Xunit.Sdk;

namespace MedAtlas.Tests.Infrastructure;

/// <summary>The rule that a green CI ran every suite: a missing prerequisite skips locally and fails under CI=true.</summary>
public sealed class PrerequisiteTests
{
    [Fact]
    public void A_missing_prerequisite_fails_under_CI_with_the_reason()
    {
        var failure = Assert.Throws<FailException>(() => Prerequisite.Require(false, "No Chromium at /nowhere/chromium", ci: true));
        Assert.Equal($"{Prerequisite.CiFailurePrefix} No Chromium at /nowhere/chromium", failure.Message);
    }

    [Fact]
    public void A_missing_prerequisite_skips_outside_CI_and_says_why()
    {
        // Caught by hand: inside Assert.Throws, xunit reported this test itself as skipped.
        Exception? thrown = null;
        try
        {
            Prerequisite.Require(false, "No Chromium at /nowhere/chromium", ci: false);
        }
        catch (Exception e)
        {
            thrown = e;
        }

        var skip = Assert.IsType<SkipException>(thrown);
        Assert.Contains("No Chromium at /nowhere/chromium", skip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_present_prerequisite_neither_skips_nor_fails() => Prerequisite.Require(true, "unused", ci: true);

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void CI_is_on_when_the_variable_is_true_in_any_case(string? value, bool on) =>
        Assert.Equal(on, Prerequisite.IsTrue(value));
}
