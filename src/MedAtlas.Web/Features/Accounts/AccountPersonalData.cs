using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// The account itself: profile, roles, expert credentials, two-factor on or off, passkey names. Never the password
/// hash, the security stamp, key material or tokens. Erasing is the account row's own deletion (last, by
/// <see cref="PersonalData"/>), which takes Identity's tables with it by cascade; they are listed here so the
/// coverage test knows they are handled.
/// </summary>
internal sealed class AccountProfileData(MedAtlasDbContext db) : IPersonalDataSource
{
    public string Name => "profile";

    public IReadOnlyList<Type> Entities { get; } =
    [
        typeof(Account), typeof(IdentityUserRole<string>), typeof(IdentityUserClaim<string>), typeof(IdentityUserLogin<string>),
        typeof(IdentityUserToken<string>), typeof(IdentityUserPasskey<string>),
    ];

    public async Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken)
    {
        var a = await db.Set<Account>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == accountId, cancellationToken);
        if (a is null)
            return null;
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == accountId
                           select r.Name).ToListAsync(cancellationToken);
        var passkeys = await db.Set<IdentityUserPasskey<string>>().AsNoTracking().Where(p => p.UserId == accountId).ToListAsync(cancellationToken);
        var logins = await db.UserLogins.AsNoTracking().Where(l => l.UserId == accountId).Select(l => l.ProviderDisplayName ?? l.LoginProvider).ToListAsync(cancellationToken);
        return new
        {
            a.Email,
            a.EmailConfirmed,
            a.DisplayName,
            a.CreatedAt,
            Roles = roles.Order(StringComparer.Ordinal).ToList(),
            a.ExpertCredentials,
            a.ExpertVerifiedAt,
            a.TwoFactorEnabled,
            a.AnonymiseContributionsOnDelete,
            HasPassword = a.PasswordHash is not null,
            Passkeys = passkeys.Select(p => new { p.Data.Name, p.Data.CreatedAt }).OrderBy(p => p.CreatedAt).ToList(),
            ExternalSignIns = logins,
        };
    }

    public Task EraseAsync(string accountId, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Where the account is signed in.</summary>
internal sealed class AccountSessionsData(MedAtlasDbContext db) : IPersonalDataSource
{
    public string Name => "sessions";

    public IReadOnlyList<Type> Entities { get; } = [typeof(AccountSession)];

    public async Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken) =>
        await db.Set<AccountSession>().AsNoTracking().Where(s => s.AccountId == accountId).OrderBy(s => s.CreatedAt)
            .Select(s => new { s.Device, s.Method, s.CreatedAt, s.LastSeenAt })
            .ToListAsync(cancellationToken);

    public Task EraseAsync(string accountId, CancellationToken cancellationToken) =>
        db.Set<AccountSession>().Where(s => s.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>The personal access tokens the person made (names and dates; never the token or its hash).</summary>
internal sealed class AccountTokensData(MedAtlasDbContext db) : IPersonalDataSource
{
    public string Name => "accessTokens";

    public IReadOnlyList<Type> Entities { get; } = [typeof(PersonalAccessToken)];

    public async Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken) =>
        await db.Set<PersonalAccessToken>().AsNoTracking().Where(t => t.AccountId == accountId).OrderBy(t => t.CreatedAt)
            .Select(t => new { t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt })
            .ToListAsync(cancellationToken);

    public Task EraseAsync(string accountId, CancellationToken cancellationToken) =>
        db.Set<PersonalAccessToken>().Where(t => t.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
}

/// <summary>
/// Staff changes made to or by the person. Erasing keeps the record that a change happened (the site's
/// accountability) but not who: ids become null and names become "deleted account".
/// </summary>
internal sealed class AccountAuditData(MedAtlasDbContext db) : IPersonalDataSource
{
    public const string DeletedName = "deleted account";

    public string Name => "staffChanges";

    public IReadOnlyList<Type> Entities { get; } = [typeof(AuditEntry)];

    public async Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken) =>
        await db.Set<AuditEntry>().AsNoTracking().Where(e => e.TargetId == accountId || e.ActorId == accountId).OrderBy(e => e.At)
            .Select(e => new { e.At, e.Action, e.Detail, By = e.ActorName, On = e.TargetName, ByYou = e.ActorId == accountId, OnYou = e.TargetId == accountId })
            .ToListAsync(cancellationToken);

    public async Task EraseAsync(string accountId, CancellationToken cancellationToken)
    {
        await db.Set<AuditEntry>().Where(e => e.TargetId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.TargetId, (string?)null).SetProperty(e => e.TargetName, DeletedName), cancellationToken);
        await db.Set<AuditEntry>().Where(e => e.ActorId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorId, (string?)null).SetProperty(e => e.ActorName, DeletedName), cancellationToken);
    }
}

/// <summary>Mail to the person, sent or waiting. Erasing deletes it, including mail to their address that had no account id.</summary>
internal sealed class AccountMailData(MedAtlasDbContext db) : IPersonalDataSource
{
    public string Name => "mail";

    public IReadOnlyList<Type> Entities { get; } = [typeof(OutboxMessage)];

    public async Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken) =>
        await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.AccountId == accountId).OrderBy(m => m.CreatedAt)
            .Select(m => new { m.Kind, m.To, m.Subject, m.CreatedAt, m.Status, m.SentAt })
            .ToListAsync(cancellationToken);

    public async Task EraseAsync(string accountId, CancellationToken cancellationToken)
    {
        var email = await db.Set<Account>().Where(a => a.Id == accountId).Select(a => a.Email).FirstOrDefaultAsync(cancellationToken);
        await db.Set<OutboxMessage>().Where(m => m.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        if (email is not null)
        {
            // Mail such as "someone tried to reset a password for this address" carries the address but no account id.
            var upper = email.ToUpperInvariant();
#pragma warning disable CA1862 // Translated to SQL, where the StringComparison overloads have no translation.
            await db.Set<OutboxMessage>().Where(m => m.To.ToUpper() == upper).ExecuteDeleteAsync(cancellationToken);
#pragma warning restore CA1862
        }
    }
}
