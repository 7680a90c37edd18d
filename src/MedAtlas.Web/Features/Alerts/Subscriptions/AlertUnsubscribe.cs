using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Subscriptions;

/// <summary>Whom an unsubscribe link names: which list, the address masked for the page, and whether mail still goes there.</summary>
internal sealed record UnsubscribeTarget(string List, string Subject, string MaskedEmail, bool Subscribed);

/// <summary>
/// The unsubscribe link of every alert mail (<see cref="AlertLists.UnsubscribePath"/>). The token is read on the
/// <see cref="AlertLists.Account"/> list (its subject an account id: alert mail is turned off for that account, as the
/// /account choice does; no <c>alert_settings</c> row already means off)
/// and then on <see cref="AlertLists.Public"/> (a subscription id: the subscription is deleted with its drugs and
/// deliveries). A token signed for one list never reads on the other, so neither can reach the other's rows.
/// </summary>
internal sealed class AlertUnsubscribe(MedAtlasDbContext db, ListUnsubscribe tokens, UserManager<Account> users, IEnumerable<IEmailList> lists)
{
    /// <summary>The account's "safety alerts" choice, the one /account shows (<see cref="AlertEmailList"/>).</summary>
    private IEmailList AccountList => lists.First(l => l.Key == AlertLists.Account);

    /// <summary>What the token names, or null when it is no token of ours (tampered, cut short, another list's).</summary>
    public async Task<UnsubscribeTarget?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (tokens.Read(AlertLists.Account, token) is { } accountId)
        {
            if (await users.FindByIdAsync(accountId) is not { Email: { } email })
                return null;
            var on = await AccountList.IsOnAsync(accountId, cancellationToken);
            return new UnsubscribeTarget(AlertLists.Account, accountId, AddressMask.Mask(email), on);
        }

        if (tokens.Read(AlertLists.Public, token) is { } subject && Guid.TryParseExact(subject, "N", out var id))
        {
            var email = await db.Set<AlertSubscription>().AsNoTracking()
                .Where(s => s.Id == id).Select(s => s.Email).FirstOrDefaultAsync(cancellationToken);
            // A deleted subscription leaves no address to show: the link still answers, "you are unsubscribed".
            return new UnsubscribeTarget(AlertLists.Public, subject, email is null ? "" : AddressMask.Mask(email), email is not null);
        }

        return null;
    }

    /// <summary>Stops the mail <paramref name="target"/> names. Doing it again changes nothing.</summary>
    public async Task StopAsync(UnsubscribeTarget target, CancellationToken cancellationToken)
    {
        if (target.List == AlertLists.Public)
        {
            var id = Guid.ParseExact(target.Subject, "N");
            // The drugs and deliveries go with it (cascade), so nothing about the address is kept.
            await db.Set<AlertSubscription>().Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        await AccountList.SetAsync(target.Subject, on: false, cancellationToken);
    }
}
