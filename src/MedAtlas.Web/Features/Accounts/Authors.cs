using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>What a contribution feature (reviews, community, answers) may know about a writer: never the email.</summary>
/// <param name="EmailConfirmed">Writing needs a confirmed address (a throwaway address cannot post).</param>
/// <param name="CreatedAt">The account's age drives the trust rules (links shown as text, first posts held).</param>
/// <param name="AnonymiseOnDelete">The person's choice on /account: keep their writing as "Former member" when the account goes (true), or remove it (false, the default).</param>
internal sealed record AuthorStanding(string AccountId, string DisplayName, bool EmailConfirmed, DateTime CreatedAt, bool AnonymiseOnDelete);

/// <summary>
/// The accounts feature's face towards everything people write: badges for a page of authors in one query, and a
/// writer's standing. Contribution features use this, never the accounts tables.
/// </summary>
internal sealed class Authors(MedAtlasDbContext db)
{
    public async Task<AuthorStanding?> StandingAsync(string accountId, CancellationToken cancellationToken) =>
        await db.Set<Account>().AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new AuthorStanding(a.Id, a.DisplayName, a.EmailConfirmed, a.CreatedAt, a.AnonymiseContributionsOnDelete))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Badges by account id for the ids given (missing ids, such as deleted accounts, are simply absent).</summary>
    public async Task<IReadOnlyDictionary<string, AuthorBadge>> BadgesAsync(IEnumerable<string> accountIds, CancellationToken cancellationToken)
    {
        var ids = accountIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
            return new Dictionary<string, AuthorBadge>(StringComparer.Ordinal);
        return await db.Set<Account>().AsNoTracking().Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => new AuthorBadge(a.DisplayName, a.ExpertCredentials), StringComparer.Ordinal, cancellationToken);
    }

    // Moderation (issue 12): where to mail a writer a moderator warned or suspended.
    /// <summary>The writer's confirmed address and display name, for mail about their writing; null without a confirmed address.</summary>
    public async Task<(string Email, string DisplayName)?> MailAddressAsync(string accountId, CancellationToken cancellationToken) =>
        await db.Set<Account>().AsNoTracking().Where(a => a.Id == accountId && a.EmailConfirmed && a.Email != null)
            .Select(a => new { a.Email, a.DisplayName }).FirstOrDefaultAsync(cancellationToken) is { } found
            ? (found.Email!, found.DisplayName)
            : null;

    /// <summary>Records the person's choice of what happens to their public writing when they delete the account.</summary>
    public Task SetAnonymiseOnDeleteAsync(string accountId, bool anonymise, CancellationToken cancellationToken) =>
        db.Set<Account>().Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.AnonymiseContributionsOnDelete, anonymise), cancellationToken);
}
