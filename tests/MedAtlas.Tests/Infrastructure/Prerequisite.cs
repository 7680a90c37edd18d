namespace MedAtlas.Tests.Infrastructure;

/// <summary>
/// Something a test needs from the machine rather than the repository: Chromium, the shared data files. Without
/// it a test skips on a developer's machine and says why; under <c>CI=true</c> it fails with the same reason, so a
/// green CI always means every suite ran. test.sh repeats each such reason on its last line.
/// </summary>
public static class Prerequisite
{
    /// <summary>The start of every failure this makes, which test.sh looks for in a suite's output.</summary>
    public const string CiFailurePrefix = "Not run under CI=true:";

    /// <summary>Whether the <c>CI</c> variable is <c>true</c> (any case), as CI services and .ci/run set it.</summary>
    public static bool IsCi => IsTrue(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Returns when <paramref name="present"/>; otherwise skips, or fails under CI, with <paramref name="missing"/> as the reason.</summary>
    public static void Require(bool present, string missing) => Require(present, missing, IsCi);

    internal static void Require(bool present, string missing, bool ci)
    {
        if (present)
            return;
        if (ci)
            Assert.Fail($"{CiFailurePrefix} {missing}");
        Assert.Skip(missing);
    }

    internal static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
