using System.Security.Claims;
using System.Security.Cryptography;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// Where an account is signed in. A session row is made at sign-in and its id goes into the cookie; every
/// request checks the row still exists (cached briefly), so "sign out everywhere", a password change or a
/// reset ends the other devices' sessions on their next request.
/// </summary>
internal sealed class AccountSessions(MedAtlasDbContext db, IMemoryCache cache, TimeProvider time)
{
    /// <summary>How long a node trusts that a session exists before asking the database again. A session ended on
    /// another node is therefore honoured here within this time; on the node that ended it, at once.</summary>
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(30);

    // Writing "last seen" on every request would make each page a write; once in a while is enough to show.
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(5);

    public async Task<string> StartAsync(string accountId, string? userAgent, string method, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var session = new AccountSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            AccountId = accountId,
            CreatedAt = now,
            LastSeenAt = now,
            Device = DeviceName.From(userAgent),
            Method = method,
        };
        db.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        Remember(session.Id, true);
        return session.Id;
    }

    /// <summary>Whether the session still exists; refreshes its "last seen" now and then.</summary>
    public async Task<bool> IsActiveAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey(sessionId), out bool active))
            return active;

        var session = await db.Set<AccountSession>().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is not null)
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (now - session.LastSeenAt > LastSeenResolution)
            {
                session.LastSeenAt = now;
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        Remember(sessionId, session is not null);
        return session is not null;
    }

    public Task<List<AccountSession>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        db.Set<AccountSession>().OwnedBy(user).OrderByDescending(s => s.LastSeenAt).ToListAsync(cancellationToken);

    /// <summary>Ends one of the person's own sessions; false (and nothing changes) when it is not theirs.</summary>
    public async Task<bool> EndAsync(ClaimsPrincipal user, string sessionId, CancellationToken cancellationToken)
    {
        var ended = await db.Set<AccountSession>().OwnedBy(user).Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
        // Only a session that was really ended is remembered as ended: caching "inactive" for someone else's id
        // would sign that other account out on this node.
        if (ended > 0)
            Remember(sessionId, false);
        return ended > 0;
    }

    /// <summary>Ends every session of the account except <paramref name="keepSessionId"/> (none when null).</summary>
    public async Task<int> EndAllAsync(string accountId, string? keepSessionId, CancellationToken cancellationToken)
    {
        var ended = await db.Set<AccountSession>()
            .Where(s => s.AccountId == accountId && s.Id != keepSessionId)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
        await db.Set<AccountSession>().Where(s => ended.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var id in ended)
            Remember(id, false);
        return ended.Count;
    }

    /// <summary>Ends the session a signing-out cookie belongs to.</summary>
    public async Task EndCurrentAsync(string sessionId, CancellationToken cancellationToken)
    {
        await db.Set<AccountSession>().Where(s => s.Id == sessionId).ExecuteDeleteAsync(cancellationToken);
        Remember(sessionId, false);
    }

    private void Remember(string sessionId, bool active) =>
        cache.Set(CacheKey(sessionId), active, RecheckInterval);

    private static string CacheKey(string sessionId) => "account-session:" + sessionId;
}

/// <summary>"Chrome on Linux" from a user agent: enough for a person to recognise a device, nothing that fingerprints it.</summary>
internal static class DeviceName
{
    public static string From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
            return "Unknown device";
        var ua = userAgent;
        var browser =
            ua.Contains("Edg/", StringComparison.Ordinal) ? "Edge" :
            ua.Contains("OPR/", StringComparison.Ordinal) ? "Opera" :
            ua.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox" :
            ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome" :
            ua.Contains("Safari/", StringComparison.Ordinal) ? "Safari" :
            "A browser";
        var system =
            ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS" :
            ua.Contains("Android", StringComparison.Ordinal) ? "Android" :
            ua.Contains("Windows", StringComparison.Ordinal) ? "Windows" :
            ua.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS" :
            ua.Contains("CrOS", StringComparison.Ordinal) ? "ChromeOS" :
            ua.Contains("Linux", StringComparison.Ordinal) ? "Linux" :
            "an unknown system";
        return $"{browser} on {system}";
    }
}

/// <summary>
/// Forgets sessions whose cookie can no longer be valid: the cookie lives at most 14 days after the last
/// request (sliding), so a session not seen for longer is dead and only clutters "where you're signed in".
/// </summary>
internal sealed class ExpiredSessionCleanup(MedAtlasDbContext db, TimeProvider time) : Infrastructure.Jobs.IJob
{
    public const string JobName = "account-session-cleanup";

    // The cookie's lifetime plus the resolution at which "last seen" is written, so a live session is never cut.
    private static readonly TimeSpan Dead = TimeSpan.FromDays(14) + TimeSpan.FromMinutes(10);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime - Dead;
        await db.Set<AccountSession>().Where(s => s.LastSeenAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
