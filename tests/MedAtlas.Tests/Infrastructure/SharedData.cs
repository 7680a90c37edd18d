namespace MedAtlas.Tests.Infrastructure;

/// <summary>
/// The real public data files beside the repository (<c>../shared/data</c>), used by tests that import them.
/// They are not in the repository; when they are absent those tests skip and say why (under CI=true they fail).
/// </summary>
public static class SharedData
{
    private const string Variable = "MEDATLAS_SHARED_DATA";

    public static string? Root { get; } = Find();

    /// <summary>The path of a file or folder under shared/data; without it a skip (a failure under CI=true) with the reason.</summary>
    public static string Require(string relativePath)
    {
        Prerequisite.Require(Root is not null, Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
            ? $"{Variable} is {configured}, which is not a folder: point it at the shared data (../shared/data beside the repository)"
            : $"../shared/data was not found beside the repository (set {Variable} to point at it)");
        var path = Path.Combine(Root!, relativePath);
        Prerequisite.Require(File.Exists(path) || Directory.Exists(path), $"{path} is not in the shared data");
        return path;
    }

    public static string Fixture(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    private static string? Find()
    {
        // A folder named explicitly is the only one looked at, so a run can hide the shared data on purpose.
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
            return Directory.Exists(configured) ? configured : null;

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MedAtlas.slnx")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
