using System.Diagnostics;
using System.Runtime.CompilerServices;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Infrastructure.Import;

/// <summary>The import command and the framework under every importer, driven through the ICD-10-CM source.</summary>
public sealed class ImportFrameworkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    [Fact]
    public async Task A_good_file_imports_with_a_summary()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "icd10cm", SharedData.Fixture("icd10cm", "good.csv"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"read\s+6\b", output);
        Assert.Matches(@"added\s+6\b", output);
        Assert.Matches(@"rejected\s+0\b", output);
        Assert.Equal(6, await app.WithDbAsync(db => db.Set<Icd10Code>().CountAsync(Ct)));
        using var client = app.CreateClient();
        Assert.Contains("Type 2 diabetes mellitus with hyperglycemia", await client.GetStringAsync("/api/v1/conditions/icd10/e11.65", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await app.RunCommandAsync("import", "icd10cm", SharedData.Fixture("icd10cm", "good.csv"));

        var (exitCode, output) = await app.RunCommandAsync("import", "icd10cm", SharedData.Fixture("icd10cm", "good.csv"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+0\b", output);
        Assert.Matches(@"unchanged\s+6\b", output);
        Assert.Equal(6, await app.WithDbAsync(db => db.Set<Icd10Code>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_newer_file_updates_changed_rows_and_adds_new_ones()
    {
        await using var app = await MedAtlasApp.StartAsync();
        await app.RunCommandAsync("import", "icd10cm", SharedData.Fixture("icd10cm", "good.csv"));

        var (_, output) = await app.RunCommandAsync("import", "icd10cm", SharedData.Fixture("icd10cm", "newer.csv"));

        Assert.Matches(@"added\s+1\b", output);
        Assert.Matches(@"updated\s+1\b", output);
        Assert.Matches(@"unchanged\s+1\b", output);
        Assert.Equal("High blood pressure (edited title)", await app.WithDbAsync(db => db.Set<Icd10Code>().Where(c => c.Code == "I10").Select(c => c.Title).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Bad_rows_are_reported_with_their_line_and_reason_and_good_rows_still_import()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "icd10cm", SharedData.Fixture("icd10cm", "bad-rows.csv"));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"added\s+3\b", output);
        Assert.Matches(@"rejected\s+4\b", output);
        Assert.Contains("line 3: '11X' is not an ICD-10-CM code", output, StringComparison.Ordinal);
        Assert.Contains("line 4: 'K21.9' is not an ICD-10-CM code", output, StringComparison.Ordinal);
        Assert.Contains("line 5: the title is not in double quotes", output, StringComparison.Ordinal);
        Assert.Contains("line 6: code E78 has an empty title", output, StringComparison.Ordinal);
        var codes = await app.WithDbAsync(db => db.Set<Icd10Code>().Select(c => c.Code).OrderBy(c => c).ToListAsync(Ct));
        Assert.Equal(["E11", "F32", "I10"], codes);
    }

    [Fact]
    public async Task A_file_of_the_wrong_format_is_refused_and_nothing_is_written()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "icd10cm", SharedData.Fixture("icd10cm", "not-a-csv.json"));

        Assert.Equal(2, exitCode);
        Assert.Contains("This is not an ICD-10-CM code list", output, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Icd10Code>().CountAsync(Ct)));
    }

    [Fact]
    public async Task A_missing_file_gets_a_clear_message()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "icd10cm", "/no/such/file.csv");

        Assert.Equal(2, exitCode);
        Assert.Contains("No file or folder at /no/such/file.csv", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_source_lists_the_known_ones()
    {
        await using var app = await MedAtlasApp.StartAsync();

        var (exitCode, output) = await app.RunCommandAsync("import", "no-such-source", "x.csv");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown import source 'no-such-source'", output, StringComparison.Ordinal);
        Assert.Contains("icd10cm", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_batch_is_rolled_back_whole_and_earlier_batches_stay()
    {
        await using var app = await MedAtlasApp.StartAsync(services => services.AddSingleton<IImporter, FailsOnSecondBatchImporter>());
        var input = Path.Combine(app.Database.DataDirectory, "five-codes.csv");
        await File.WriteAllLinesAsync(input, ["A00", "A01", "A02", "A03", "A04"], Ct);

        var (exitCode, output) = await app.RunCommandAsync("import", "fails-on-second-batch", input);

        Assert.Equal(1, exitCode);
        Assert.Contains("rolled back", output, StringComparison.Ordinal);
        Assert.Matches(@"added\s+2\b", output);
        var codes = await app.WithDbAsync(db => db.Set<Icd10Code>().Select(c => c.Code).OrderBy(c => c).ToListAsync(Ct));
        Assert.Equal(["A00", "A01"], codes);
    }

    [Fact]
    public async Task The_executable_imports_from_the_command_line_and_exits_non_zero_on_a_wrong_file()
    {
        await using var database = await TestDatabase.CreateAsync();
        var good = await RunExecutableAsync(database, "import", "icd10cm", SharedData.Fixture("icd10cm", "good.csv"));
        var wrong = await RunExecutableAsync(database, "import", "icd10cm", SharedData.Fixture("icd10cm", "not-a-csv.json"));
        var unknown = await RunExecutableAsync(database, "import", "nonsense", "x");

        Assert.Equal(0, good.ExitCode);
        Assert.Contains("Import of icd10cm from good.csv finished", good.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("not an ICD-10-CM code list", wrong.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("Known sources:", unknown.Output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunExecutableAsync(TestDatabase database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MedAtlas.Web.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = "Test";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Test";
        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["MedAtlas__DataDirectory"] = database.DataDirectory;
        start.Environment["ConnectionStrings__Default"] = database.ConnectionString ?? "";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>An importer whose second batch fails in the database, to watch the framework's transaction boundary.</summary>
    private sealed class FailsOnSecondBatchImporter : Importer<string>
    {
        public override string Source => "fails-on-second-batch";

        public override string Description => "test only";

        public override int BatchSize => 2;

        public override async IAsyncEnumerable<ImportRow<string>> ReadAsync(ImportInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var line = 0;
            foreach (var code in await File.ReadAllLinesAsync(input.Path, cancellationToken))
                yield return ImportRow<string>.Ok($"line {++line}", code);
        }

        public override Task WriteAsync(ImportBatch<string> batch, CancellationToken cancellationToken)
        {
            foreach (var (row, code) in batch.Records)
            {
                // In the second batch, the first row is written, the second repeats its key: the
                // unique key fails at SaveChanges, after part of the batch was already sent.
                batch.Db.Add(new Icd10Code { Code = code, Title = code, Origin = ContentOrigin.Imported });
                batch.Added();
                if (row == "line 3")
                    batch.Db.Add(new Icd10Code { Code = "A01", Title = "duplicate", Origin = ContentOrigin.Imported });
            }

            return Task.CompletedTask;
        }
    }
}
