namespace MedAtlas.Tests.Infrastructure;

/// <summary>
/// The real public data files beside the repository (<c>../shared/data</c>), used by tests that import them.
/// They are not in the repository; when they are absent those tests skip and say why.
/// </summary>
public static class SharedData
{
    public static string? Root { get; } = Find();

    /// <summary>The path of a file or folder under shared/data, or a skip (with the reason) when it is not there.</summary>
    public static string Require(string relativePath)
    {
        var reason = Root is null
            ? "../shared/data was not found beside the repository (set MEDATLAS_SHARED_DATA to point at it)"
            : null;
        Assert.SkipWhen(reason is not null, reason ?? "");
        var path = Path.Combine(Root!, relativePath);
        Assert.SkipUnless(File.Exists(path) || Directory.Exists(path), $"{path} is not in the shared data");
        return path;
    }

    public static string Fixture(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("MEDATLAS_SHARED_DATA") is { Length: > 0 } configured && Directory.Exists(configured))
            return configured;

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
