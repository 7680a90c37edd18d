using System.Net;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.HealthTopics;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.HealthTopics;

public sealed class MedlinePlusImportTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_real_sample_imports_its_two_topics_and_the_page_shows_summary_synonyms_and_links()
    {
        var file = SharedData.Require("medlineplus-sample/mplus_topics_2012-07-21.xml");
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "medlineplus", file);

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"read\s+2\b", output);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<HealthTopic>().CountAsync(Cancel)));
        using var client = app.CreateClient();
        var page = await client.GetAsync("/health/topics/abdominal-pain", Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("public", page.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("Your abdomen extends from below your chest", html, StringComparison.Ordinal);
        Assert.Contains("<li>", html, StringComparison.Ordinal);
        Assert.Contains("Also called: Bellyache", html, StringComparison.Ordinal);
        Assert.Contains("https://www.nlm.nih.gov/medlineplus/ency/article/003789.htm", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Encyclopedia</h3>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NON-DISPLAY", html, StringComparison.Ordinal);
        Assert.Contains("Source: <a href=\"https://www.nlm.nih.gov/medlineplus/abdominalpain.html\">MedlinePlus, U.S. National Library of Medicine</a>, <time datetime=\"2012-07-21\">", html, StringComparison.Ordinal);
        // The Spanish version is the other topic of the file, linked both ways.
        Assert.Contains("/health/topics/dolor-abdominal", html, StringComparison.Ordinal);
        var spanish = await client.GetStringAsync("/health/topics?lang=es", Cancel);
        Assert.Contains("Dolor abdominal", spanish, StringComparison.Ordinal);
        var english = await client.GetStringAsync("/health/topics", Cancel);
        Assert.Contains("href=\"/health/topics/abdominal-pain\"", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Dolor abdominal", english, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/health/topics/no-such-topic", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing()
    {
        var file = SharedData.Require("medlineplus-sample/mplus_topics_2012-07-21.xml");
        await using var app = await MedAtlasApp.StartAsync();
        Assert.Equal(0, (await app.RunCommandAsync("import", "medlineplus", file)).ExitCode);
        var before = await app.WithDbAsync(db => db.Set<HealthTopic>().AsNoTracking().OrderBy(t => t.MedlinePlusId).Select(t => new { t.Id, t.Slug, t.SummaryHtml, t.Sites.Count }).ToListAsync(Cancel));

        var (exitCode, output) = await app.RunCommandAsync("import", "medlineplus", file);

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"unchanged\s+2\b", output);
        Assert.Matches(@"added\s+0\b", output);
        Assert.Matches(@"updated\s+0\b", output);
        var after = await app.WithDbAsync(db => db.Set<HealthTopic>().AsNoTracking().OrderBy(t => t.MedlinePlusId).Select(t => new { t.Id, t.Slug, t.SummaryHtml, t.Sites.Count }).ToListAsync(Cancel));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_topic_links_the_conditions_named_by_its_title_or_also_called_names()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var (exitCode, output) = await app.RunCommandAsync("import", "medlineplus", SharedData.Fixture("medlineplus", "linked.xml"));
        Assert.True(exitCode == 0, output);
        using var client = app.CreateClient();

        var byName = await client.GetStringAsync("/health/topics/high-blood-pressure", Cancel);
        var bySynonym = await client.GetStringAsync("/health/topics/hardening-of-the-arteries", Cancel);
        var neither = await client.GetStringAsync("/health/topics/test-topic-nobody-has", Cancel);
        var spanish = await client.GetStringAsync("/health/topics/stroke", Cancel);

        Assert.Contains("<a href=\"/conditions/high-blood-pressure\">High blood pressure</a>", byName, StringComparison.Ordinal);
        Assert.DoesNotContain("/conditions/pulmonary-arterial-hypertension", byName, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/conditions/coronary-artery-disease\">Coronary artery disease</a>", bySynonym, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/conditions/", neither, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/conditions/", spanish, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_summary_and_links_render_inert()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var (exitCode, output) = await app.RunCommandAsync("import", "medlineplus", SharedData.Fixture("medlineplus", "hostile.xml"));
        Assert.True(exitCode == 0, output);

        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/health/topics/hostile-test-topic", Cancel);

        Assert.Contains("Safe words stay.", html, StringComparison.Ordinal);
        Assert.Contains("Click here", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Bad link", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/good\"", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Start Here</h3>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NON-DISPLAY", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_file_is_refused_and_nothing_is_written()
    {
        var file = SharedData.Require("medlineplus-sample/mplus_topics_2012-07-21.xml");
        var whole = await File.ReadAllTextAsync(file, Cancel);
        // Cut inside the second topic: the first topic is complete, so only a check of the whole file can refuse it.
        var truncated = Path.Combine(Path.GetTempPath(), $"mplus-truncated-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(truncated, whole[..(whole.IndexOf("<health-topic title=\"Dolor abdominal\"", StringComparison.Ordinal) + 2000)], Cancel);
        try
        {
            await using var app = await MedAtlasApp.StartAsync();

            var (exitCode, output) = await app.RunCommandAsync("import", "medlineplus", truncated);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("truncated, so nothing from it was imported", output, StringComparison.Ordinal);
            Assert.Equal(0, await app.WithDbAsync(db => db.Set<HealthTopic>().CountAsync(Cancel)));
        }
        finally
        {
            File.Delete(truncated);
        }
    }

    [Fact]
    public async Task A_newer_file_removes_the_topics_it_no_longer_lists_and_an_older_partial_or_damaged_one_removes_none()
    {
        var linked = await File.ReadAllTextAsync(SharedData.Fixture("medlineplus", "linked.xml"), Cancel);
        var folder = Directory.CreateTempSubdirectory("mplus-newer-");
        // linked.xml is dated 03/01/2024 and lists 990101 to 990104; each variant changes the date and drops topics.
        string Variant(string name, string date, params string[] dropped)
        {
            var text = linked.Replace("date-generated=\"03/01/2024", $"date-generated=\"{date}", StringComparison.Ordinal);
            foreach (var id in dropped)
            {
                var start = text.LastIndexOf("<health-topic ", text.IndexOf($"id=\"{id}\"", StringComparison.Ordinal), StringComparison.Ordinal);
                var end = text.IndexOf("</health-topic>", start, StringComparison.Ordinal) + "</health-topic>".Length;
                text = text.Remove(start, end - start);
            }

            var path = Path.Combine(folder.FullName, name);
            File.WriteAllText(path, text);
            return path;
        }

        try
        {
            await using var app = await MedAtlasApp.StartAsync();
            using var client = app.CreateClient();
            Assert.Equal(0, (await app.RunCommandAsync("import", "medlineplus", SharedData.Fixture("medlineplus", "linked.xml"))).ExitCode);

            // An older file without two topics removes nothing.
            var (olderExit, older) = await app.RunCommandAsync("import", "medlineplus", Variant("older.xml", "01/01/2024", "990102", "990103"));
            Assert.True(olderExit == 0, older);
            Assert.Equal(4, await app.WithDbAsync(db => db.Set<HealthTopic>().CountAsync(Cancel)));

            // A newer file whose Spanish topic is rejected (no address) keeps that topic, and says so: it is not missing, only unreadable.
            var damaged = (await File.ReadAllTextAsync(Variant("damaged.xml", "03/15/2024"), Cancel)).Replace("url=\"https://medlineplus.gov/spanish/stroke.html\"", "url=\"\"", StringComparison.Ordinal);
            var damagedPath = Path.Combine(folder.FullName, "damaged-row.xml");
            await File.WriteAllTextAsync(damagedPath, damaged, Cancel);
            var (_, kept) = await app.RunCommandAsync("import", "medlineplus", damagedPath);
            Assert.True(kept.Contains("1 topics not in this file were kept, because rows were rejected", StringComparison.Ordinal), kept);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/topics/stroke", Cancel)).StatusCode);

            // A newer whole file without one topic removes it; the others stay, with the newer date.
            var (exitCode, output) = await app.RunCommandAsync("import", "medlineplus", Variant("newer.xml", "04/01/2024", "990103"));
            Assert.True(exitCode == 0, output);
            Assert.Matches(@"removed\s+1\b", output);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/health/topics/test-topic-nobody-has", Cancel)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/topics/high-blood-pressure", Cancel)).StatusCode);
            Assert.DoesNotContain("Test Topic Nobody Has", await client.GetStringAsync("/health/topics", Cancel), StringComparison.Ordinal);

            // A newer file listing one of the three is not NLM's whole file: nothing is removed.
            var (_, partial) = await app.RunCommandAsync("import", "medlineplus", Variant("partial.xml", "05/01/2024", "990102", "990103", "990104"));
            Assert.True(partial.Contains("2 of 3 topics are not in this file and were kept", StringComparison.Ordinal), partial);
            Assert.Equal(3, await app.WithDbAsync(db => db.Set<HealthTopic>().CountAsync(Cancel)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
