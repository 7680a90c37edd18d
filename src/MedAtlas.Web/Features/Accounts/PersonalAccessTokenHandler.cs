using System.Security.Claims;
using System.Text.Encodings.Web;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// Signs a request in as the token's account when it carries <c>Authorization: Bearer mat_…</c>. Only the personal
/// API's policy (<see cref="PersonalApi.Policy"/>) asks this scheme; pages and every other endpoint read the cookie
/// only, so a token opens nothing else. The principal has the account id and display name, like the cookie's, and
/// no roles: a token never acts as staff.
/// </summary>
internal sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, MedAtlasDbContext db, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";

    /// <summary>The token row's id (not the token): says the request came with a token, and which one.</summary>
    public const string TokenIdClaim = "medatlas:token";

    /// <summary>Writing "last used" once a minute per token is enough to show it, and spares a write per request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } token)
            return AuthenticateResult.NoResult();
        // Failure messages go to the log: never the token, nor its hash.
        if (!PersonalAccessTokens.LooksLikeToken(token))
            return AuthenticateResult.Fail("Not a MedAtlas personal access token.");

        var hash = PersonalAccessTokens.Hash(token);
        var cancel = Context.RequestAborted;
        var found = await db.Set<PersonalAccessToken>().AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Join(db.Set<Account>(), t => t.AccountId, a => a.Id, (t, a) => new { t.Id, t.AccountId, t.ExpiresAt, t.LastUsedAt, a.DisplayName, a.LockoutEnd })
            .FirstOrDefaultAsync(cancel);
        if (found is null)
            return AuthenticateResult.Fail("Unknown or revoked token.");

        var now = time.GetUtcNow();
        if (found.ExpiresAt is { } expires && DateTime.SpecifyKind(expires, DateTimeKind.Utc) <= now.UtcDateTime)
            return AuthenticateResult.Fail("Expired token.");
        if (found.LockoutEnd is { } lockedUntil && lockedUntil > now)
            return AuthenticateResult.Fail("The token's account is locked.");

        var nowUtc = now.UtcDateTime;
        if (found.LastUsedAt is not { } last || nowUtc - DateTime.SpecifyKind(last, DateTimeKind.Utc) >= LastUsedResolution)
        {
            // Conditional, so requests racing on several nodes write once.
            var before = nowUtc - LastUsedResolution;
            await db.Set<PersonalAccessToken>()
                .Where(t => t.Id == found.Id && (t.LastUsedAt == null || t.LastUsedAt < before))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, nowUtc), cancel);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, found.AccountId),
                new Claim(AccountClaims.DisplayNameClaim, found.DisplayName),
                new Claim(TokenIdClaim, found.Id.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", result.Failure is null ? "Bearer realm=\"MedAtlas\"" : "Bearer realm=\"MedAtlas\", error=\"invalid_token\"");
    }

    /// <summary>The bearer credential of the request, or null when it has none.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
