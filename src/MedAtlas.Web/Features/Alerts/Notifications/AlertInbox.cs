using System.Security.Claims;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Notifications;

/// <summary>One line of /my/alerts: the alert as FDA titled it, and which medicine of which profile it matched, how surely.</summary>
internal sealed record InboxItem(
    long Id, AlertKind Kind, string Title, DateOnly? AlertDate, string AlertPath, string? Source, Guid ProfileId, string ProfileName,
    Guid MedicineId, string MedicineName, AlertStrength Strength, int MatchedMedicines, DateTime CreatedAt, bool Unread)
{
    public string StrengthText => AlertWords.Strength(Kind, Strength);
}

/// <summary>
/// The person's alert inbox. Every query goes through <see cref="Ownership.OwnedBy{T}"/>, so another person's
/// notification id is the same as none (404). The unread count is one COUNT on the (account, read) index.
/// </summary>
internal sealed class AlertInbox(MedAtlasDbContext db, TimeProvider time)
{
    /// <summary>Enough for years of alerts; older ones stay in the data download.</summary>
    public const int Shown = 200;

    // Compiled once: the header's badge asks on every signed-in page.
    private static readonly Func<MedAtlasDbContext, string, CancellationToken, Task<int>> UnreadOf =
        EF.CompileAsyncQuery((MedAtlasDbContext db, string accountId, CancellationToken _) =>
            db.Set<AlertNotification>().Count(n => n.AccountId == accountId && n.ReadAt == null));

    public Task<int> UnreadCountAsync(string accountId, CancellationToken cancellationToken) => UnreadOf(db, accountId, cancellationToken);

    public async Task<List<InboxItem>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var notifications = await db.Set<AlertNotification>().AsNoTracking().OwnedBy(user)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Shown).ToListAsync(cancellationToken);
        var recallIds = notifications.Where(n => n.Kind == AlertKind.Recall).Select(n => n.AlertId).Distinct().ToList();
        var noticeIds = notifications.Where(n => n.Kind == AlertKind.Notice).Select(n => n.AlertId).Distinct().ToList();
        var recalls = await db.Set<Recall>().AsNoTracking().Where(r => recallIds.Contains(r.Id))
            .Select(r => new { r.Id, r.RecallNumber, r.Classification, r.ProductDescription, r.ReportDate })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var notices = await db.Set<SafetyNotice>().AsNoTracking().Where(n => noticeIds.Contains(n.Id))
            .Select(n => new { n.Id, n.Title, n.PublishedAt, n.Link })
            .ToDictionaryAsync(n => n.Id, cancellationToken);

        var items = new List<InboxItem>();
        foreach (var n in notifications)
        {
            string title;
            DateOnly? date = null;
            string? source = null;
            var path = AlertWords.AlertPath(n.Kind, n.AlertId, null);
            if (n.Kind == AlertKind.Recall && recalls.TryGetValue(n.AlertId, out var r))
            {
                title = $"{r.Classification} recall {r.RecallNumber}: {AlertCatalog.Shorten(r.ProductDescription, 200)}";
                date = r.ReportDate;
                path = AlertWords.AlertPath(n.Kind, n.AlertId, r.RecallNumber);
            }
            else if (n.Kind == AlertKind.Notice && notices.TryGetValue(n.AlertId, out var notice))
            {
                title = notice.Title;
                date = DateOnly.FromDateTime(notice.PublishedAt);
                source = notice.Link;
            }
            else
            {
                // The alert itself is gone (an editor removed it); the person still sees what they were told.
                title = "An FDA alert that is no longer listed";
            }

            items.Add(new InboxItem(n.Id, n.Kind, title, date, path, source, n.ProfileId, n.ProfileName, n.MedicineId, n.MedicineName,
                n.Strength, n.MatchedMedicines, n.CreatedAt, n.ReadAt is null));
        }

        return items;
    }

    /// <summary>Marks one of the person's notifications read; false when it is not theirs (or does not exist).</summary>
    public async Task<bool> MarkReadAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken)
    {
        var mine = db.Set<AlertNotification>().OwnedBy(user).Where(n => n.Id == id);
        if (!await mine.AnyAsync(cancellationToken))
            return false;
        var now = time.GetUtcNow().UtcDateTime;
        await mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return true;
    }

    public async Task<int> MarkAllReadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<AlertNotification>().OwnedBy(user).Where(n => n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    public Task<bool> EmailIsOnAsync(string accountId, CancellationToken cancellationToken) =>
        db.Set<AlertSettings>().AnyAsync(s => s.AccountId == accountId && s.EmailAlerts, cancellationToken);
}
