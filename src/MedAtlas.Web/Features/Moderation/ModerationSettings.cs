using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Features.Moderation;

/// <summary>The trust rules' settings, <c>Moderation:*</c> (docs/configuration.md).</summary>
/// <param name="HoldFirstContributions">Hold a new account's first contribution for a moderator (on by default).</param>
/// <param name="NewAccountDays">How young an account is "new": its first contribution is held, and its links are shown as text.</param>
/// <param name="ReportsToHide">How many different accounts' reports hide content pending review.</param>
internal sealed record ModerationSettings(bool HoldFirstContributions, int NewAccountDays, int ReportsToHide)
{
    public static ModerationSettings From(IConfiguration configuration)
    {
        var hold = configuration.GetValue<bool?>("Moderation:HoldFirstContributions") ?? true;
        var days = configuration.GetValue<int?>("Moderation:NewAccountDays") ?? 7;
        if (days < 0)
            throw new MedAtlasConfigurationException($"Moderation:NewAccountDays is {days}; it must be 0 or more.");
        var reports = configuration.GetValue<int?>("Moderation:ReportsToHide") ?? 3;
        if (reports < 1)
            throw new MedAtlasConfigurationException($"Moderation:ReportsToHide is {reports}; it must be at least 1.");
        return new ModerationSettings(hold, days, reports);
    }

    public bool IsNew(DateTime accountCreatedAt, DateTime now) => now - accountCreatedAt < TimeSpan.FromDays(NewAccountDays);
}
