using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts.Subscriptions;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Notifications;

/// <summary>The "safety alerts" choice on /account, kept in <see cref="AlertSettings"/> (no row: off).</summary>
internal sealed class AlertEmailList(MedAtlasDbContext db, TimeProvider time) : IEmailList
{
    public string Key => AlertLists.Account;

    public string Title => "Safety alerts for my family's medicines";

    public string Description =>
        "An email when an FDA recall or safety communication matches a medicine on a profile you own or manage. Your alerts inbox lists them either way.";

    public Task<bool> IsOnAsync(string accountId, CancellationToken cancellationToken) =>
        db.Set<AlertSettings>().AsNoTracking().AnyAsync(s => s.AccountId == accountId && s.EmailAlerts, cancellationToken);

    public async Task SetAsync(string accountId, bool on, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.Set<AlertSettings>().Where(s => s.AccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EmailAlerts, on).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        if (changed > 0 || !on)
            return;
        db.Set<AlertSettings>().Add(new AlertSettings { AccountId = accountId, EmailAlerts = true, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same person saved twice at once: the other request made the row; make sure it says on.
            db.ChangeTracker.Clear();
            await db.Set<AlertSettings>().Where(s => s.AccountId == accountId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EmailAlerts, true).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        }
    }
}
