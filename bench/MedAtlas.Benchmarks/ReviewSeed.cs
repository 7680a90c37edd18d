using System.Globalization;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Reviews;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Benchmarks;

/// <summary>
/// A data step for bench/reviews.sh: N SYNTHETIC reviews of one drug, each by its own synthetic account, written
/// through the real <see cref="ReviewStore"/> (so the aggregates are kept exactly as in production). The accounts are
/// dated a year back, so the trust rules publish their reviews instead of holding them.
/// <c>dotnet run -c Release --project bench/MedAtlas.Benchmarks -- seed-reviews sertraline 10000</c> (into MEDATLAS_BENCH_DATA).
/// </summary>
internal static class ReviewSeed
{
    public const string Command = "seed-reviews";
    private const int Seed = 12;
    private const int BatchSize = 250;

    private static readonly string[] SideEffects =
        ["Nausea", "Headache", "Trouble sleeping (insomnia)", "Dizziness", "Dry mouth", "Sweating", "Tiredness", "Diarrhea", "Sexual problems", "Shakiness (tremor)"];

    private static readonly string[] Sentences =
    [
        "The first two weeks were hard and I felt worse before I felt better.",
        "My doctor started me on a low dose and raised it slowly, which helped.",
        "I noticed a difference in my mood after about a month.",
        "The side effects faded after a few weeks for me.",
        "I take it in the morning with breakfast now, which works better.",
        "It did not do much for me, so my doctor and I tried something else.",
        "Sleep was a problem at first; talking to my pharmacist helped.",
        "Overall it has made day-to-day life easier.",
    ];

    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != Command)
            return false;

        if (args.Length != 3 || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 1_000_000)
        {
            Console.Error.WriteLine($"Usage: dotnet run -c Release --project bench/MedAtlas.Benchmarks -- {Command} <drug-slug> <count 1..1000000>  (into MEDATLAS_BENCH_DATA)");
            exitCode = 2;
            return true;
        }

        exitCode = GenerateAsync(args[1], count, Console.Out).GetAwaiter().GetResult();
        return true;
    }

    private static async Task<int> GenerateAsync(string slug, int count, TextWriter output)
    {
        const string ContentRootVariable = "ASPNETCORE_TEST_CONTENTROOT_MEDATLAS_WEB";
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ContentRootVariable)) && SyntheticPillCatalogue.WebProjectFolder() is { } folder)
            Environment.SetEnvironmentVariable(ContentRootVariable, folder);

        await using var app = new BenchApp();
        app.CreateClient().Dispose();
        var started = TimeProvider.System.GetTimestamp();

        int drugId;
        List<int?> conditions;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<DrugCatalog>().IdAsync(slug, CancellationToken.None) is not { } id)
            {
                await Console.Error.WriteLineAsync($"No drug '{slug}' in the catalogue.");
                return 1;
            }

            drugId = id;
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            conditions = [.. await db.Set<DrugCondition>().AsNoTracking().Where(c => c.DrugId == drugId).Select(c => (int?)c.ConditionId).ToListAsync(), null];
        }

        var random = new Random(Seed);
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var done = 0; done < count; done += BatchSize)
        {
            var size = Math.Min(BatchSize, count - done);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            var accounts = Enumerable.Range(done, size).Select(i => NewAccount(run, i)).ToList();
            db.AddRange(accounts);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var store = scope.ServiceProvider.GetRequiredService<ReviewStore>();
            foreach (var account in accounts)
                await store.CreateAsync(account.Id, drugId, Input(random, conditions), CancellationToken.None);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {done + size:N0} of {count:N0} synthetic reviews written"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {count:N0} SYNTHETIC reviews of {slug} through ReviewStore in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s into {BenchApp.DataDirectory}"));
        return 0;
    }

    private static Account NewAccount(string run, int i)
    {
        var email = $"bench-reviewer-{run}-{i}@example.invalid";
        return new Account
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            DisplayName = $"Synthetic reviewer {i}",
            CreatedAt = DateTime.UtcNow.AddYears(-1),
        };
    }

    private static ReviewInput Input(Random random, List<int?> conditions)
    {
        // Ratings lean positive, as on real review sites; every detail is filled about two times in three.
        static int Rating(Random r) => Math.Clamp(r.Next(1, 6) + (r.Next(3) == 0 ? 1 : 0), 1, 5);
        T? Maybe<T>(T[] values) where T : struct => random.Next(3) == 0 ? null : values[random.Next(values.Length)];
        var text = string.Join(' ', Enumerable.Range(0, random.Next(2, 6)).Select(_ => Sentences[random.Next(Sentences.Length)]));
        return new ReviewInput(
            conditions[random.Next(conditions.Count)], Rating(random), Rating(random), Rating(random),
            "Synthetic benchmark review. " + text,
            random.Next(5) == 0 ? ReviewerRole.Caregiver : ReviewerRole.Patient,
            Maybe(Enum.GetValues<AgeRange>()), Maybe(Enum.GetValues<ReviewerSex>()), Maybe(Enum.GetValues<TimeOnMedicine>()),
            [.. SideEffects.Where(_ => random.Next(5) == 0).Select(s => new PickedSideEffect(s, false))],
            random.Next(10) == 0 ? "Some jaw clenching at night" : null,
            random.Next(3) switch { 0 => true, 1 => false, _ => null },
            false,
            random.Next(8) == 0);
    }
}
