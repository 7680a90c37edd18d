namespace MedAtlas.Tests.Features.HealthCenters;

/// <summary>
/// A starter-data folder for a test: the real seed sets (conditions, drugs, ...) linked in, and <c>health/</c> a copy of a
/// fixture under <c>tests/fixtures/</c> (a copy, so a test may change its files and load them again).
/// </summary>
public sealed class HealthSeedRoot : IDisposable
{
    private HealthSeedRoot(string path) => Path = path;

    public string Path { get; }

    public string Health => System.IO.Path.Combine(Path, "health");

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "MedAtlas.slnx")))
                    return dir.FullName;
            }

            throw new InvalidOperationException($"No MedAtlas.slnx above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>The starter content as the app ships it.</summary>
    public static string RealHealthSeed => System.IO.Path.Combine(RepositoryRoot, "src", "MedAtlas.Web", "data", "seed", "health");

    /// <summary>The fixtures copied into one <c>health/</c> folder in turn; a file an earlier one has is kept (its centers.json).</summary>
    public static HealthSeedRoot WithFixture(params string[] fixtures)
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"medatlas-health-seed-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var real = System.IO.Path.Combine(RepositoryRoot, "src", "MedAtlas.Web", "data", "seed");
        foreach (var set in Directory.EnumerateDirectories(real).Where(d => System.IO.Path.GetFileName(d) != "health"))
            Directory.CreateSymbolicLink(System.IO.Path.Combine(root, System.IO.Path.GetFileName(set)), set);
        foreach (var fixture in fixtures)
            Copy(System.IO.Path.Combine(RepositoryRoot, "tests", "fixtures", fixture), System.IO.Path.Combine(root, "health"));
        return new HealthSeedRoot(root);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetFileName(file));
            if (!File.Exists(target))
                File.Copy(file, target);
        }
        foreach (var dir in Directory.EnumerateDirectories(from))
            Copy(dir, System.IO.Path.Combine(to, System.IO.Path.GetFileName(dir)));
    }

    public void Dispose()
    {
        try
        {
            // Delete the links, not what they point at.
            foreach (var entry in Directory.EnumerateFileSystemEntries(Path))
            {
                if (new DirectoryInfo(entry).LinkTarget is not null)
                    Directory.Delete(entry);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The app on a fresh database with the fixture seed (2 centers, 3 articles, 1 slideshow) as its health content.</summary>
public class HealthFixtureApp : MedAtlas.Tests.Infrastructure.MedAtlasApp
{
    private readonly HealthSeedRoot seed;

    public HealthFixtureApp()
        : this("health")
    {
    }

    protected HealthFixtureApp(string fixture)
    {
        seed = HealthSeedRoot.WithFixture(fixture);
        WithSetting("MedAtlas:StarterDataDirectory", seed.Path);
    }

    public string HealthSeed => seed.Health;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        seed.Dispose();
        GC.SuppressFinalize(this);
    }
}
