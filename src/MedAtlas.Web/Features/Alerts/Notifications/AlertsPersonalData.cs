using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Notifications;

/// <summary>FDA alerts' share of "download my data" and "delete my account": the person's inbox and their alert mail choice.</summary>
internal sealed class AlertsPersonalData(MedAtlasDbContext db) : IPersonalDataSource
{
    public string Name => "alerts";

    public IReadOnlyList<Type> Entities { get; } = [typeof(AlertNotification), typeof(AlertSettings)];

    public async Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken)
    {
        var settings = await db.Set<AlertSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.AccountId == accountId, cancellationToken);
        var inbox = await db.Set<AlertNotification>().AsNoTracking().Where(n => n.AccountId == accountId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Select(n => new { Kind = n.Kind.ToString(), n.AlertId, n.ProfileName, n.MedicineName, Strength = n.Strength.ToString(), n.MatchedMedicines, n.CreatedAt, n.ReadAt, n.Emailed })
            .ToListAsync(cancellationToken);
        if (settings is null && inbox.Count == 0)
            return null;
        return new { EmailAlerts = settings?.EmailAlerts ?? false, SettingChangedAt = settings?.UpdatedAt, Inbox = inbox };
    }

    public async Task EraseAsync(string accountId, CancellationToken cancellationToken)
    {
        await db.Set<AlertNotification>().Where(n => n.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<AlertSettings>().Where(s => s.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
    }
}
