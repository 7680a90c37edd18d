using System.Globalization;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>
/// Mails the profile's owner the set number of days before a supply runs out. The outbox key names the medicine
/// and the run-out date, so each refill is told once however often the job runs and on however many nodes; a new
/// refill moves the date and so makes a new reminder. Only active medicines are looked at, so stopping or pausing
/// one cancels its reminder.
/// </summary>
internal sealed class RefillReminders(MedAtlasDbContext db, Outbox outbox, PublicLinks links, TimeProvider time, ILogger<RefillReminders> logger) : IJob
{
    public const string JobName = "refill-reminders";
    private const int Batch = 500;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var queued = 0;
        var skip = 0;
        while (true)
        {
            var page = await db.Set<SavedMedicine>().AsNoTracking()
                .Where(m => m.Status == MedicineStatus.Active && m.RemindDaysBefore != null)
                .OrderBy(m => m.Id)
                .Skip(skip)
                .Take(Batch)
                .Join(db.Set<Profile>(), m => m.ProfileId, p => p.Id, (m, p) => new { Medicine = m, Profile = p.Name, p.AccountId })
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
                break;
            skip += page.Count;

            var due = page
                .Select(x => (x.Medicine, x.Profile, x.AccountId, RunsOut: Refills.RunsOutOn(x.Medicine)))
                .Where(x => x.RunsOut is { } day && day >= today && day.AddDays(-x.Medicine.RemindDaysBefore!.Value) <= today)
                .ToList();
            if (due.Count == 0)
                continue;
            var ownerIds = due.Select(d => d.AccountId).Distinct().ToList();
            var owners = await db.Set<Account>().AsNoTracking().Where(a => ownerIds.Contains(a.Id) && a.EmailConfirmed)
                .ToDictionaryAsync(a => a.Id, a => (a.Email, a.DisplayName), cancellationToken);
            foreach (var x in due)
            {
                if (!owners.TryGetValue(x.AccountId, out var owner) || owner.Email is null)
                    continue;
                var runsOut = x.RunsOut!.Value;
                var content = MailTemplate.Build(
                    $"{x.Profile}: {x.Medicine.Name} runs out {(runsOut == today ? "today" : $"on {runsOut.ToString("d MMMM", CultureInfo.InvariantCulture)}")}",
                    $"Hello {owner.DisplayName},",
                    [$"{Refills.Describe(runsOut, today)}: {MedicineList.Describe(x.Medicine)}, on {x.Profile}'s list ({runsOut.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}).",
                        "Ask the pharmacy or prescriber for a refill in time. When you have it, press “Record a refill today” so the next reminder comes at the right time."],
                    new MailAction("Open the medicine", links.To(null, $"/my/profiles/{x.Medicine.ProfileId}/medicines/{x.Medicine.Id}")),
                    "You asked for this reminder on the medicine's page. To stop it, edit the medicine and clear the reminder, or mark the medicine as stopped.");
                var key = $"refill:{x.Medicine.Id:N}:{runsOut:yyyyMMdd}";
                if (await outbox.AddAsync(db, new OutboxMail(key, "refill-reminder", owner.Email, owner.DisplayName, x.AccountId, content), cancellationToken))
                    queued++;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node queued some of these in the same moment; the unique key kept one of each. The next run queues the rest.
                db.ChangeTracker.Clear();
            }
        }

        if (queued > 0)
            logger.LogInformation("Queued {Count} refill reminders", queued);
    }
}
