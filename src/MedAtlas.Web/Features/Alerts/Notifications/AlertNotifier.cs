using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Notifications;

/// <summary>
/// Tells each person, once, about each notifiable alert that matches an active medicine on a profile they own or
/// manage: an inbox item always, and a mail when they turned alert mail on. Every run looks at every notifiable
/// alert against every matching medicine (a few set-based queries), so a medicine added today is told about an open
/// recall on the next run. "Once" is the unique index on (account, kind, alert): a rerun, a status change, the
/// poller seeing a record again or a second node all end at that index, and a batch that hits it is retried row by
/// row, skipping the rows someone else made. The mail is queued in the same SaveChanges as its row.
/// </summary>
internal sealed class AlertNotifier(
    MedAtlasDbContext db, TakenMedicines taken, AlertMail mail, AlertNotifySettings settings, TimeProvider time, ILogger<AlertNotifier> logger) : IJob
{
    private const int Batch = 200;
    private const int Chunk = 500;
    private static readonly string[] Closed = ["Terminated", "Completed"];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var alerts = await NotifiableAsync(now, cancellationToken);
        if (alerts.Count == 0)
            return;

        var medicines = await taken.MatchingAsync(
            alerts.Where(a => a.Recent).SelectMany(a => a.Slugs).ToHashSet(StringComparer.Ordinal),
            alerts.Where(a => a.Recent).SelectMany(a => a.Products).ToHashSet(StringComparer.Ordinal),
            alerts.SelectMany(a => a.Lots).ToHashSet(StringComparer.Ordinal),
            cancellationToken);
        if (medicines.Count == 0)
            return;

        var told = await NotYetToldAsync(Match(alerts, medicines), cancellationToken);
        if (told.Count == 0)
            return;

        var added = 0;
        foreach (var batch in told.Chunk(Batch))
            added += await SaveAsync(batch, cancellationToken);
        if (added > 0)
            logger.LogInformation("Told {Count} people about alerts matching their medicines", added);
    }

    /// <summary>
    /// Open recalls (not Terminated or Completed) and recent notices. A recall reported within the window is told on
    /// any match; an older open one only on a lot match, because a new install importing FDA's whole history must not
    /// mail everyone about a 2012 recall of their medicine's name, while a lot on their bottle is worth telling at any age.
    /// </summary>
    private async Task<List<Candidate>> NotifiableAsync(DateTime now, CancellationToken cancellationToken)
    {
        var since = DateOnly.FromDateTime(now).AddDays(-settings.WithinDays);
        var open = db.Set<Recall>().AsNoTracking().Where(r => !Closed.Contains(r.Status));
        var recalls = (await open.Select(r => new { r.Id, r.ReportDate }).ToListAsync(cancellationToken))
            .ToDictionary(r => r.Id, r => new Candidate(AlertKind.Recall, r.Id, r.ReportDate >= since));
        foreach (var c in await (from code in db.Set<RecallProductCode>() join r in open on code.RecallId equals r.Id select new { code.RecallId, code.Code }).ToListAsync(cancellationToken))
            recalls[c.RecallId].Products.Add(c.Code.Length >= 9 ? c.Code[..9] : c.Code);
        foreach (var l in await (from lot in db.Set<RecallLot>() join r in open on lot.RecallId equals r.Id select new { lot.RecallId, lot.Lot }).ToListAsync(cancellationToken))
            recalls[l.RecallId].Lots.Add(l.Lot);
        foreach (var m in await (from match in db.Set<RecallMatch>() join r in open on match.RecallId equals r.Id select new { match.RecallId, match.DrugSlug }).ToListAsync(cancellationToken))
            recalls[m.RecallId].Slugs.Add(m.DrugSlug);

        var notices = new Dictionary<int, Candidate>();
        var sinceTime = now.AddDays(-settings.WithinDays);
        foreach (var m in await (from match in db.Set<SafetyNoticeMatch>()
                                 join n in db.Set<SafetyNotice>() on match.NoticeId equals n.Id
                                 where n.PublishedAt >= sinceTime
                                 select new { match.NoticeId, match.DrugSlug }).ToListAsync(cancellationToken))
        {
            if (!notices.TryGetValue(m.NoticeId, out var notice))
                notices[m.NoticeId] = notice = new Candidate(AlertKind.Notice, m.NoticeId, Recent: true);
            notice.Slugs.Add(m.DrugSlug);
        }

        return [.. recalls.Values.Where(r => r.Recent ? r.Slugs.Count + r.Products.Count > 0 : r.Lots.Count > 0 && r.Slugs.Count + r.Products.Count > 0), .. notices.Values];
    }

    /// <summary>
    /// The strongest match of each alert per account. A lot match needs the same drug or product as well as the lot:
    /// lot strings are short ("A1") and repeat across firms, so a lot alone must not say "your lot is recalled".
    /// </summary>
    private static List<Told> Match(List<Candidate> alerts, IReadOnlyList<TakenMedicine> medicines)
    {
        var bySlug = Index(medicines, m => m.DrugSlug);
        var byProduct = Index(medicines, m => m.ProductCode);
        var byLot = Index(medicines, m => m.Lot);
        var told = new List<Told>();
        foreach (var alert in alerts)
        {
            var strengths = new Dictionary<TakenMedicine, AlertStrength>();
            void Note(TakenMedicine m, AlertStrength s)
            {
                if (!strengths.TryGetValue(m, out var had) || s < had)
                    strengths[m] = s;
            }

            foreach (var lot in alert.Lots)
            {
                foreach (var m in byLot[lot])
                {
                    if ((m.DrugSlug is { } slug && alert.Slugs.Contains(slug)) || (m.ProductCode is { } product && alert.Products.Contains(product)))
                        Note(m, AlertStrength.Lot);
                }
            }

            if (alert.Recent)
            {
                foreach (var m in alert.Products.SelectMany(p => byProduct[p]))
                    Note(m, AlertStrength.Ndc);
                foreach (var m in alert.Slugs.SelectMany(s => bySlug[s]))
                    Note(m, AlertStrength.Name);
            }

            var perAccount = strengths
                .SelectMany(x => x.Key.AccountIds.Select(account => (Account: account, Medicine: x.Key, Strength: x.Value)))
                .GroupBy(x => x.Account, StringComparer.Ordinal);
            foreach (var group in perAccount)
            {
                var best = group.OrderBy(x => x.Strength).ThenBy(x => x.Medicine.ProfileName, StringComparer.Ordinal).ThenBy(x => x.Medicine.Name, StringComparer.Ordinal).First();
                told.Add(new Told(alert.Kind, alert.Id, group.Key, best.Medicine, best.Strength, group.Count()));
            }
        }

        return told;
    }

    private static ILookup<string, TakenMedicine> Index(IReadOnlyList<TakenMedicine> medicines, Func<TakenMedicine, string?> key) =>
        medicines.Where(m => key(m) is not null).ToLookup(m => key(m)!, StringComparer.Ordinal);

    /// <summary>Leaves out who already has the notification: a shortcut only, the unique index is the guarantee.</summary>
    private async Task<List<Told>> NotYetToldAsync(List<Told> told, CancellationToken cancellationToken)
    {
        var existing = new HashSet<(AlertKind, int, string)>();
        foreach (var kind in told.Select(t => t.Kind).Distinct())
        {
            foreach (var chunk in told.Where(t => t.Kind == kind).Select(t => t.AlertId).Distinct().Chunk(Chunk))
            {
                foreach (var n in await db.Set<AlertNotification>().AsNoTracking().Where(n => n.Kind == kind && chunk.Contains(n.AlertId))
                             .Select(n => new { n.AlertId, n.AccountId }).ToListAsync(cancellationToken))
                    existing.Add((kind, n.AlertId, n.AccountId));
            }
        }

        return told.Where(t => !existing.Contains((t.Kind, t.AlertId, t.AccountId))).ToList();
    }

    /// <summary>Saves a batch with its mail in one SaveChanges; when another node got there first, row by row.</summary>
    private async Task<int> SaveAsync(Told[] batch, CancellationToken cancellationToken)
    {
        var letters = await mail.PrepareAsync(batch, cancellationToken);
        try
        {
            foreach (var t in batch)
                await AddAsync(t, letters, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            // Saved rows stay tracked otherwise, and every later batch's change detection would walk them all.
            db.ChangeTracker.Clear();
            return batch.Length;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        var added = 0;
        foreach (var t in batch)
        {
            try
            {
                await AddAsync(t, letters, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                added++;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                // Told already (another node, a run that overlapped): its mail went with that row. Anything else is a fault.
                if (!await ExistsAsync(t, cancellationToken))
                    throw;
            }

            db.ChangeTracker.Clear();
        }

        return added;
    }

    private async Task AddAsync(Told t, AlertLetters letters, CancellationToken cancellationToken)
    {
        var emailed = await mail.QueueAsync(db, t, letters, cancellationToken);
        db.Set<AlertNotification>().Add(new AlertNotification
        {
            AccountId = t.AccountId,
            Kind = t.Kind,
            AlertId = t.AlertId,
            ProfileId = t.Medicine.ProfileId,
            MedicineId = t.Medicine.MedicineId,
            ProfileName = Cut(t.Medicine.ProfileName, 200),
            MedicineName = Cut(t.Medicine.Name, 300),
            Strength = t.Strength,
            MatchedMedicines = t.MatchedMedicines,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            Emailed = emailed,
        });
    }

    private Task<bool> ExistsAsync(Told t, CancellationToken cancellationToken) =>
        db.Set<AlertNotification>().AnyAsync(n => n.AccountId == t.AccountId && n.Kind == t.Kind && n.AlertId == t.AlertId, cancellationToken);

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];

    private sealed record Candidate(AlertKind Kind, int Id, bool Recent)
    {
        public HashSet<string> Slugs { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Products { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Lots { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>One person to tell about one alert: the strongest of their matching medicines, and how many matched.</summary>
internal sealed record Told(AlertKind Kind, int AlertId, string AccountId, TakenMedicine Medicine, AlertStrength Strength, int MatchedMedicines);
