using System.Globalization;
using System.Security.Claims;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>One account as an Admin sees it on /admin/people.</summary>
internal sealed record PersonSummary(
    string Id, string Email, string DisplayName, DateTime CreatedAt, bool EmailConfirmed,
    DateTimeOffset? LockedUntil, IReadOnlyList<string> Roles, string? ExpertCredentials, DateTime? ExpertVerifiedAt)
{
    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>What a staff change came to: null error when it was made, else the message and the form field it belongs beside.</summary>
internal sealed record StaffChange(string? Field, string? Error)
{
    public static readonly StaffChange Done = new(null, null);

    public bool Succeeded => Error is null;

    public static StaffChange Refused(string field, string error) => new(field, error);
}

/// <summary>
/// The Admin's work on people: find accounts, grant and revoke roles, verify experts, lock and unlock. Each change
/// and its <see cref="AuditEntry"/> commit in one transaction, so the log never misses a change nor records one
/// that did not happen. The audit detail names roles and credentials only; names sit in the Actor/Target columns,
/// where erasing an account can find and replace them, and emails are never written there.
/// </summary>
internal sealed class StaffDirectory(
    MedAtlasDbContext db, UserManager<Account> users, RoleManager<IdentityRole> roles, AccountSessions sessions, StaffAudit audit, TimeProvider time)
{
    public const int PageSize = 25;
    public const int AuditPageSize = 30;
    public const int CredentialsMaxLength = 200;
    public const int SearchMaxLength = 200;

    /// <summary>What "indefinitely" stores: Identity's lockout has no "forever", so the furthest date it can hold.</summary>
    public static readonly DateTimeOffset Indefinitely = DateTimeOffset.MaxValue;

    /// <summary>The lock periods the page offers, by form value.</summary>
    public static readonly IReadOnlyList<(string Value, string Label, TimeSpan? Period)> LockPeriods =
    [
        ("1h", "1 hour", TimeSpan.FromHours(1)),
        ("1d", "1 day", TimeSpan.FromDays(1)),
        ("7d", "7 days", TimeSpan.FromDays(7)),
        ("30d", "30 days", TimeSpan.FromDays(30)),
        ("forever", "Indefinitely, until unlocked", null),
    ];

    public static class Actions
    {
        public const string RoleGranted = "role granted";
        public const string RoleRevoked = "role revoked";
        public const string ExpertVerified = "expert verified";
        public const string ExpertRemoved = "expert verification removed";
        public const string Locked = "account locked";
        public const string Unlocked = "account unlocked";
        public const string AdminCreated = "admin created";
    }

    /// <summary>The name the audit log gives the command line as an actor.</summary>
    public const string CommandLine = "command line";

    public async Task<(IReadOnlyList<PersonSummary> People, int Total)> FindAsync(string? query, int page, CancellationToken cancellationToken)
    {
        var accounts = db.Set<Account>().AsNoTracking();
        var q = (query ?? "").Trim();
        if (q.Length > 0)
        {
            // Upper-cased on both sides: SQLite's instr and PostgreSQL's strpos are case-sensitive.
            var upper = q.ToUpperInvariant();
#pragma warning disable CA1862 // Translated to SQL: the StringComparison overloads have no translation on either provider.
            accounts = accounts.Where(a => a.NormalizedEmail!.Contains(upper) || a.DisplayName.ToUpper().Contains(upper));
#pragma warning restore CA1862
        }

        var total = await accounts.CountAsync(cancellationToken);
        var rows = await accounts.OrderBy(a => a.NormalizedEmail).ThenBy(a => a.Id)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        var roleMap = await RolesOfAsync([.. rows.Select(r => r.Id)], cancellationToken);
        return ([.. rows.Select(a => Summarise(a, roleMap))], total);
    }

    public async Task<PersonSummary?> GetAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 450)
            return null;
        var account = await db.Set<Account>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return account is null ? null : Summarise(account, await RolesOfAsync([id], cancellationToken));
    }

    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> AuditLogAsync(int page, CancellationToken cancellationToken)
    {
        var entries = db.Set<AuditEntry>().AsNoTracking();
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((Math.Max(1, page) - 1) * AuditPageSize).Take(AuditPageSize)
            .ToListAsync(cancellationToken);
        return (rows, total);
    }

    public Task<StaffChange> GrantAsync(ClaimsPrincipal actor, string targetId, string? role, CancellationToken cancellationToken) =>
        ChangeAsync(actor, targetId, async (me, target) =>
        {
            if (role is null || !StaffRoles.Grantable.Contains(role))
                return StaffChange.Refused("Role", "Choose one of the roles in the list.");
            if (await users.IsInRoleAsync(target, role))
                return StaffChange.Refused("Role", $"{target.DisplayName} already has the role {role}.");
            await EnsureRoleAsync(role);
            Audit(me, target, Actions.RoleGranted, role);
            return Check(await users.AddToRoleAsync(target, role), "Role");
        }, cancellationToken);

    public Task<StaffChange> RevokeAsync(ClaimsPrincipal actor, string targetId, string? role, CancellationToken cancellationToken) =>
        ChangeAsync(actor, targetId, async (me, target) =>
        {
            // Expert goes with its credentials (RemoveExpertAsync), so the badge and the role never disagree.
            if (role is null || !StaffRoles.Grantable.Contains(role) || !await users.IsInRoleAsync(target, role))
                return StaffChange.Refused("Role", "That role is not one this account has.");
            if (role == StaffRoles.Admin && me.Id == target.Id)
                return StaffChange.Refused("Role", "You cannot remove your own Admin role. Ask another Admin to do it.");
            Audit(me, target, Actions.RoleRevoked, role);
            return Check(await users.RemoveFromRoleAsync(target, role), "Role");
        }, cancellationToken);

    public Task<StaffChange> VerifyExpertAsync(ClaimsPrincipal actor, string targetId, string? credentials, CancellationToken cancellationToken) =>
        ChangeAsync(actor, targetId, async (me, target) =>
        {
            var text = AccountInput.NormalizeDisplayName(credentials);
            if (text.Length == 0)
                return StaffChange.Refused("Credentials", "Enter the credentials to show, for example \"MD, endocrinology\", \"RN\" or an organisation's name.");
            if (text.Length > CredentialsMaxLength)
                return StaffChange.Refused("Credentials", $"Credentials can be at most {CredentialsMaxLength} characters.");
            target.ExpertCredentials = text;
            target.ExpertVerifiedAt = time.GetUtcNow().UtcDateTime;
            await EnsureRoleAsync(StaffRoles.Expert);
            Audit(me, target, Actions.ExpertVerified, text);
            if (!await users.IsInRoleAsync(target, StaffRoles.Expert))
                return Check(await users.AddToRoleAsync(target, StaffRoles.Expert), "Credentials");
            return Check(await users.UpdateAsync(target), "Credentials");
        }, cancellationToken);

    public Task<StaffChange> RemoveExpertAsync(ClaimsPrincipal actor, string targetId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, targetId, async (me, target) =>
        {
            if (target.ExpertCredentials is null && !await users.IsInRoleAsync(target, StaffRoles.Expert))
                return StaffChange.Refused("Credentials", $"{target.DisplayName} is not a verified expert.");
            target.ExpertCredentials = null;
            target.ExpertVerifiedAt = null;
            Audit(me, target, Actions.ExpertRemoved, "");
            if (await users.IsInRoleAsync(target, StaffRoles.Expert))
                return Check(await users.RemoveFromRoleAsync(target, StaffRoles.Expert), "Credentials");
            return Check(await users.UpdateAsync(target), "Credentials");
        }, cancellationToken);

    /// <summary>Locks for <paramref name="period"/> (null: until unlocked) and signs the account out everywhere.</summary>
    public Task<StaffChange> LockAsync(ClaimsPrincipal actor, string targetId, string? periodValue, CancellationToken cancellationToken) =>
        ChangeAsync(actor, targetId, async (me, target) =>
        {
            var choice = LockPeriods.FirstOrDefault(p => p.Value == periodValue);
            if (choice.Value is null)
                return StaffChange.Refused("Period", "Choose how long to lock the account.");
            if (me.Id == target.Id && await OtherActiveAdminsAsync(me.Id) == 0)
                return StaffChange.Refused("Period", "You are the last Admin; locking yourself out would leave nobody to manage the site.");

            var until = choice.Period is { } period ? time.GetUtcNow() + period : Indefinitely;
            Audit(me, target, Actions.Locked, choice.Period is null ? "indefinitely" : "for " + choice.Label);
            target.LockoutEnabled = true;
            var locked = await users.SetLockoutEndDateAsync(target, until);
            if (!locked.Succeeded)
                return Check(locked, "Period");
            // The new stamp rejects the account's cookies at their next check; ending the sessions does it at once.
            var stamped = await users.UpdateSecurityStampAsync(target);
            if (!stamped.Succeeded)
                return Check(stamped, "Period");
            await sessions.EndAllAsync(target.Id, null, cancellationToken);
            return StaffChange.Done;
        }, cancellationToken);

    public Task<StaffChange> UnlockAsync(ClaimsPrincipal actor, string targetId, CancellationToken cancellationToken) =>
        ChangeAsync(actor, targetId, async (me, target) =>
        {
            if (target.LockoutEnd is not { } end || end <= time.GetUtcNow())
                return StaffChange.Refused("Period", $"{target.DisplayName}'s account is not locked.");
            Audit(me, target, Actions.Unlocked, "");
            var unlocked = await users.SetLockoutEndDateAsync(target, null);
            if (unlocked.Succeeded)
                unlocked = await users.ResetAccessFailedCountAsync(target);
            return Check(unlocked, "Period");
        }, cancellationToken);

    /// <summary>Makes the role if this database has never had it (a fresh install has no roles).</summary>
    public async Task EnsureRoleAsync(string role)
    {
        if (!await roles.RoleExistsAsync(role))
        {
            var created = await roles.CreateAsync(new IdentityRole(role));
            if (!created.Succeeded)
                throw new InvalidOperationException($"Could not create the role {role}: {string.Join("; ", created.Errors.Select(e => e.Code))}");
        }
    }

    /// <summary>Adds an audit row to the context; the caller's next save writes it with the change.</summary>
    public void Audit(Account? actor, Account target, string action, string detail) =>
        audit.Add(actor?.Id, actor?.DisplayName ?? CommandLine, action, target.Id, target.DisplayName, detail);

    private async Task<StaffChange> ChangeAsync(
        ClaimsPrincipal actor, string targetId, Func<Account, Account, Task<StaffChange>> change, CancellationToken cancellationToken)
    {
        var me = await users.GetUserAsync(actor);
        var target = string.IsNullOrEmpty(targetId) || targetId.Length > 450 ? null : await users.FindByIdAsync(targetId);
        if (me is null || target is null)
            return StaffChange.Refused("", "That account no longer exists.");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await change(me, target);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            // A refused change must not leave its audit row (or half an edit) tracked for a later save.
            db.ChangeTracker.Clear();
            return result;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<int> OtherActiveAdminsAsync(string myId)
    {
        var now = time.GetUtcNow();
        var admins = await users.GetUsersInRoleAsync(StaffRoles.Admin);
        return admins.Count(a => a.Id != myId && !(a.LockoutEnd is { } end && end > now));
    }

    private static StaffChange Check(IdentityResult result, string field) =>
        result.Succeeded ? StaffChange.Done : StaffChange.Refused(field, string.Join(" ", result.Errors.Select(e => e.Description)));

    private async Task<Dictionary<string, List<string>>> RolesOfAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var pairs = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        return pairs.GroupBy(p => p.UserId).ToDictionary(
            g => g.Key,
            g => g.Select(p => p.Name!).OrderBy(n => StaffRoles.All.ToList().IndexOf(n)).ToList());
    }

    private static PersonSummary Summarise(Account a, Dictionary<string, List<string>> roleMap) => new(
        a.Id, a.Email ?? "", a.DisplayName, a.CreatedAt, a.EmailConfirmed, a.LockoutEnd,
        roleMap.TryGetValue(a.Id, out var r) ? r : [], a.ExpertCredentials, a.ExpertVerifiedAt);

    /// <summary>"until 3 May 2026 14:00 UTC" or "indefinitely", for the page.</summary>
    public static string DescribeLock(DateTimeOffset until) =>
        until.Year >= 9999 ? "indefinitely" : "until " + until.UtcDateTime.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
