using System.Diagnostics;
using System.Globalization;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Benchmarks;

/// <summary>
/// "Matching new records against 100,000 saved medicines" (issue 10): bench/alert-matching.sh. On a fresh database
/// (SQLite folder, or PostgreSQL with MEDATLAS_BENCH_POSTGRES), imports an openFDA enforcement file, seeds N accounts
/// with one profile and 4 active medicines each (catalogue drug slugs; about 1 in 25 with an NDC a recall names and
/// 1 in 100 with a recalled lot, the rest with NDCs no recall names), then times the notifier's first run (everyone
/// told: the matching plus inserting the notifications) and a second run (nothing new: what every later run costs).
/// The window covers the whole file, so every open recall is notifiable: the worst case.
/// </summary>
internal static class AlertMatchingBench
{
    private const string Command = "alert-matching";
    private const int Seed = 10;

    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0 || args[0] != Command)
            return false;
        if (args.Length != 3 || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var accounts) || accounts < 1 || !File.Exists(args[1]))
        {
            Console.Error.WriteLine($"Usage: dotnet run -c Release --project bench/MedAtlas.Benchmarks -- {Command} <openfda-enforcement file> <accounts>");
            exitCode = 2;
            return true;
        }

        RunAsync(args[1], accounts).GetAwaiter().GetResult();
        return true;
    }

    private static async Task RunAsync(string file, int accounts)
    {
        await using var app = FreshBenchApp.Start("alerts", ("Alerts:NotifyWithinDays", "36500"));
        var imported = await app.ImportAsync("openfda-enforcement", file);
        Console.WriteLine($"import: {imported.TotalSeconds:0.0} s");
        List<string> slugs, recallNdcs, recallLots, lotSlugs;
        int open;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            slugs = await db.Set<Drug>().Select(d => d.Slug).OrderBy(s => s).ToListAsync();
            recallNdcs = await db.Set<RecallProductCode>().Where(c => c.Code.Length == 11).Select(c => c.Code).Distinct().OrderBy(c => c).ToListAsync();
            // A recalled lot with the drug its recall names, so a lot match is also a drug match.
            var lots = await (from l in db.Set<RecallLot>() join m in db.Set<RecallMatch>() on l.RecallId equals m.RecallId orderby l.Id select new { l.Lot, m.DrugSlug }).Take(5000).ToListAsync();
            recallLots = [.. lots.Select(l => l.Lot)];
            lotSlugs = [.. lots.Select(l => l.DrugSlug)];
            open = await db.Set<Recall>().CountAsync(r => r.Status != "Terminated" && r.Status != "Completed");
        }

        var clock = Stopwatch.StartNew();
        var random = new Random(Seed);
        var now = DateTime.UtcNow;
        const int Batch = 1000;
        for (var done = 0; done < accounts; done += Batch)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = done; i < Math.Min(accounts, done + Batch); i++)
            {
                var id = $"bench-{i:D6}";
                var email = $"bench-{i}@example.org";
                db.Add(new Account { Id = id, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, DisplayName = $"Person {i}", CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString() });
                if (i % 10 == 0)
                    db.Add(new AlertSettings { AccountId = id, EmailAlerts = true, UpdatedAt = now });
                var profile = new Profile { Id = Guid.NewGuid(), AccountId = id, Name = "Me", CreatedAt = now, UpdatedAt = now };
                db.Add(profile);
                for (var k = 0; k < 4; k++)
                {
                    var roll = random.Next(100);
                    var lotIndex = recallLots.Count > 0 ? random.Next(recallLots.Count) : -1;
                    var slug = roll == 0 && lotIndex >= 0 ? lotSlugs[lotIndex] : slugs[random.Next(slugs.Count)];
                    var ndc = roll < 4 && recallNdcs.Count > 0 ? recallNdcs[random.Next(recallNdcs.Count)] : $"{random.Next(10000, 99999)}{random.Next(0, 9999):D4}{random.Next(0, 99):D2}";
                    db.Add(new SavedMedicine
                    {
                        Id = Guid.NewGuid(), ProfileId = profile.Id, DrugSlug = slug, Name = slug, Ndc = ndc,
                        LotNumber = roll == 0 && lotIndex >= 0 ? recallLots[lotIndex] : roll < 30 ? $"L{random.Next(100000, 999999)}" : null,
                        Status = MedicineStatus.Active, CreatedAt = now, UpdatedAt = now,
                    });
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }

        Console.WriteLine($"seeded {accounts:N0} accounts, {accounts * 4:N0} active medicines in {clock.Elapsed.TotalSeconds:0.0} s; {open:N0} open recalls, {slugs.Count:N0} catalogue drugs");
        for (var run = 1; run <= 3; run++)
        {
            clock.Restart();
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AlertNotifier>().RunAsync(CancellationToken.None);
            var elapsed = clock.Elapsed.TotalSeconds;
            var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
            var told = await db.Set<AlertNotification>().CountAsync();
            var mails = await db.Set<MedAtlas.Web.Infrastructure.Email.OutboxMessage>().CountAsync(m => m.Kind == AlertMail.Kind);
            Console.WriteLine($"notifier run {run}: {elapsed:0.00} s; notifications in total {told:N0}, alert mails {mails:N0}");
        }
    }
}
