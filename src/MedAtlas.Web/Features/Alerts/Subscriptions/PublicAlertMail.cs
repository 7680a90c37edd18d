using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Subscriptions;

/// <summary>A recall as the public mail job weighs it: when it was first seen and which drugs it was matched to.</summary>
internal sealed record RecallCandidate(int Id, DateTime FirstSeenAt, bool ClassI, IReadOnlyList<(string Slug, RecallMatchKind How)> Matches);

/// <summary>
/// The <see cref="Notifications.AlertJobs.PublicMail"/> job: tells each confirmed public subscription about the
/// recalls it chose that were first seen after it was confirmed (history is never mailed), not terminated, and
/// reported by FDA recently (<c>Alerts:PublicMail:ReportedWithinDays</c>, so importing an old bulk file later does
/// not mail its history). One mail per subscription per run lists its new recalls (at most
/// <see cref="MaxRecallsPerMail"/>; more go in the next mail of the same run), with one <see cref="AlertDelivery"/>
/// row per recall in the same SaveChanges as the mail. The deliveries' primary key is what makes it exactly once:
/// a second run, or a run racing another, finds them or fails on them and queues nothing. Also deletes
/// subscriptions left unconfirmed for <see cref="PublicSubscriptions.ConfirmWindow"/>.
/// </summary>
internal sealed class PublicAlertMail(
    MedAtlasDbContext db, Outbox outbox, PublicAlertMails mails, IConfiguration configuration, TimeProvider time, ILogger<PublicAlertMail> logger) : IJob
{
    public const int MaxRecallsPerMail = 20;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expired = now - PublicSubscriptions.ConfirmWindow;
        var deleted = await db.Set<AlertSubscription>().Where(s => s.ConfirmedAt == null && s.CreatedAt < expired).ExecuteDeleteAsync(cancellationToken);

        var subscriptions = await db.Set<AlertSubscription>().AsNoTracking()
            .Where(s => s.ConfirmedAt != null)
            .Select(s => new { s.Id, s.Email, ConfirmedAt = s.ConfirmedAt!.Value, s.AllClassI, Slugs = s.Drugs.Select(d => d.DrugSlug).ToList() })
            .ToListAsync(cancellationToken);
        if (subscriptions.Count == 0)
        {
            logger.LogInformation("Public recall mail: no confirmed subscriptions; {Deleted} unconfirmed deleted", deleted);
            return;
        }

        var candidates = await CandidatesAsync(subscriptions.Min(s => s.ConfirmedAt), now, cancellationToken);
        IReadOnlyDictionary<int, Recall>? details = null;
        var queued = 0;
        var skipped = 0;
        foreach (var subscription in subscriptions)
        {
            var slugs = subscription.Slugs.ToHashSet(StringComparer.Ordinal);
            var chosen = candidates
                .Where(c => c.FirstSeenAt > subscription.ConfirmedAt && ((subscription.AllClassI && c.ClassI) || c.Matches.Any(m => slugs.Contains(m.Slug))))
                .ToList();
            if (chosen.Count == 0)
                continue;
            var ids = chosen.Select(c => c.Id).ToList();
            var delivered = (await db.Set<AlertDelivery>().AsNoTracking()
                .Where(d => d.SubscriptionId == subscription.Id && ids.Contains(d.RecallId))
                .Select(d => d.RecallId).ToListAsync(cancellationToken)).ToHashSet();

            foreach (var batch in chosen.Where(c => !delivered.Contains(c.Id)).Chunk(MaxRecallsPerMail))
            {
                details ??= await mails.DetailsAsync(candidates.Select(c => c.Id), cancellationToken);
                var mail = await mails.BuildAsync(subscription.Id, subscription.Email, subscription.AllClassI, slugs, batch, details, cancellationToken);
                if (!await outbox.AddAsync(db, mail, cancellationToken))
                {
                    skipped++;
                    db.ChangeTracker.Clear();
                    break;
                }

                db.Set<AlertDelivery>().AddRange(batch.Select(c => new AlertDelivery { SubscriptionId = subscription.Id, RecallId = c.Id, QueuedAt = now }));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    queued++;
                }
                catch (DbUpdateException)
                {
                    // Another run queued these (the delivery key), or the person unsubscribed meanwhile (the foreign key): nothing to send.
                    skipped++;
                    db.ChangeTracker.Clear();
                    break;
                }
            }
        }

        logger.LogInformation("Public recall mail: {Queued} mails queued for {Subscriptions} subscriptions, {Skipped} skipped as already queued, {Deleted} unconfirmed deleted",
            queued, subscriptions.Count, skipped, deleted);
    }

    /// <summary>Recalls that some subscription may be told about, oldest first: seen since the earliest confirmation, open, reported recently, Class I or matched to a drug.</summary>
    private async Task<List<RecallCandidate>> CandidatesAsync(DateTime since, DateTime now, CancellationToken cancellationToken)
    {
        var days = configuration.GetValue<int?>("Alerts:PublicMail:ReportedWithinDays") ?? 90;
        var reportedSince = DateOnly.FromDateTime(now.AddDays(-Math.Max(days, 1)));
        var rows = await db.Set<Recall>().AsNoTracking()
            .Where(r => r.FirstSeenAt > since && r.Status != "Terminated")
            .Where(r => r.ReportDate == null || r.ReportDate >= reportedSince)
            .Where(r => r.Classification == "Class I" || r.Matches.Any())
            .OrderBy(r => r.FirstSeenAt).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.FirstSeenAt, r.Classification, Matches = r.Matches.Select(m => new { m.DrugSlug, m.How }).ToList() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RecallCandidate(r.Id, r.FirstSeenAt, r.Classification == "Class I", [.. r.Matches.Select(m => (m.DrugSlug, m.How))]))];
    }
}
