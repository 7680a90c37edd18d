using System.Net;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Site;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Infrastructure.Data;

public sealed class DatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrations_apply_cleanly_from_an_empty_database_and_match_the_model()
    {
        await using var app = new MedAtlasApp();
        await app.InitializeAsync();
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);

        var (applied, known, pendingModelChanges) = await app.WithDbAsync(async db => (
            (await db.Database.GetAppliedMigrationsAsync(Ct)).ToList(),
            db.Database.GetMigrations().ToList(),
            db.Database.HasPendingModelChanges()));

        Assert.NotEmpty(known);
        Assert.Equal(known, applied);
        Assert.False(pendingModelChanges, $"The {app.Database.Provider} model has changes no migration covers: run scripts/add-migration.sh");
    }

    [Fact]
    public async Task Sqlite_database_is_a_file_in_the_data_folder_in_WAL_mode()
    {
        Assert.SkipWhen(TestDatabase.ProviderUnderTest != "sqlite", "this run tests PostgreSQL");
        await using var app = await MedAtlasApp.StartAsync();

        var mode = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync(Ct));

        Assert.True(File.Exists(Path.Combine(app.Database.DataDirectory, "medatlas.db")));
        Assert.Equal("wal", Assert.Single(mode));
    }

    [Fact]
    public async Task Starting_twice_on_the_same_data_adds_no_starter_rows_twice()
    {
        await using var database = await TestDatabase.CreateAsync();
        int firstCount;
        DateTimeOffset firstApplied;
        await using (var first = new MedAtlasApp(database.Share()))
        {
            await first.InitializeAsync();
            first.CreateClient().Dispose();
            firstCount = await first.WithDbAsync(db => db.Set<SitePage>().CountAsync(Ct));
            firstApplied = await first.WithDbAsync(db => db.StarterDataVersions.Where(v => v.Name == "site-pages").Select(v => v.AppliedAt).SingleAsync(Ct));
        }

        await using var second = new MedAtlasApp(database.Share());
        await second.InitializeAsync();
        using var client = second.CreateClient();
        var secondCount = await second.WithDbAsync(db => db.Set<SitePage>().CountAsync(Ct));
        var secondApplied = await second.WithDbAsync(db => db.StarterDataVersions.Where(v => v.Name == "site-pages").Select(v => v.AppliedAt).SingleAsync(Ct));

        Assert.True(firstCount >= 4, "about, editorial policy, privacy and disclaimer pages load on first start");
        Assert.Equal(firstCount, secondCount);
        Assert.Equal(firstApplied, secondApplied);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/about/medical-disclaimer", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_newer_starter_version_updates_its_own_pages_and_leaves_an_editors_page_alone()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var first = new MedAtlasApp(database.Share()))
        {
            await first.InitializeAsync();
            first.CreateClient().Dispose();
            await first.WithDbAsync(async db =>
            {
                var privacy = await db.Set<SitePage>().SingleAsync(p => p.Slug == "privacy", Ct);
                privacy.Title = "Our privacy promise (edited by this site)";
                privacy.Origin = ContentOrigin.Editor;
                return await db.SaveChangesAsync(Ct);
            });
        }

        var newerSeed = CopySeedWithChanges(database.DataDirectory);
        await using var second = new MedAtlasApp(database.Share()).WithSetting("MedAtlas:StarterDataDirectory", newerSeed);
        await second.InitializeAsync();
        using var client = second.CreateClient();

        var about = await (await client.GetAsync("/about", Ct)).Content.ReadAsStringAsync(Ct);
        var privacy = await (await client.GetAsync("/about/privacy", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("About MedAtlas (second edition)", Html.Text(about), StringComparison.Ordinal);
        Assert.Contains("Our privacy promise (edited by this site)", Html.Text(privacy), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoint_answers_503_when_the_database_is_gone()
    {
        Assert.SkipWhen(TestDatabase.ProviderUnderTest != "postgres", "dropping the database out from under the app is a PostgreSQL test");
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new MedAtlasApp(database.Share());
        await app.InitializeAsync();
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);

        await database.DisposeAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz", Ct)).StatusCode);
    }

    [Fact]
    public async Task Migrate_command_reports_an_up_to_date_schema()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("migrate");

        Assert.Equal(0, exitCode);
        Assert.Contains("The database schema is up to date.", output, StringComparison.Ordinal);
        Assert.Contains("Starter data site-pages: already current", output, StringComparison.Ordinal);
    }

    private static string CopySeedWithChanges(string besides)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "data", "seed");
        var target = Path.Combine(besides, "seed-v2");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        var about = Path.Combine(target, "site", "about.md");
        File.WriteAllText(about, File.ReadAllText(about).Replace("title: About MedAtlas", "title: About MedAtlas (second edition)", StringComparison.Ordinal));
        var privacy = Path.Combine(target, "site", "privacy.md");
        File.WriteAllText(privacy, File.ReadAllText(privacy).Replace("title: Privacy", "title: Privacy (second edition)", StringComparison.Ordinal));
        return target;
    }
}
