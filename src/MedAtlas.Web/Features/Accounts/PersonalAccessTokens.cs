using System.Globalization;
using System.Security.Claims;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>A token just made: the secret (shown once, never stored) and its row.</summary>
internal sealed record NewAccessToken(string Token, PersonalAccessToken Row);

/// <summary>
/// Personal access tokens: made and revoked on /account/tokens, checked by <see cref="PersonalAccessTokenHandler"/>.
/// A token is <c>mat_</c> and 32 random bytes in base64url; only its SHA-256 is stored, so a copy of the database
/// opens nothing. The prefix shown on the page is the first 8 characters after <c>mat_</c>.
/// </summary>
internal sealed class PersonalAccessTokens(MedAtlasDbContext db, TimeProvider time)
{
    public const string TokenPrefix = "mat_";
    public const int NameMaxLength = 60;
    public const int MaxPerAccount = 20;
    public const int DefaultDays = 90;

    /// <summary>32 bytes in unpadded base64url.</summary>
    private const int SecretLength = 43;

    /// <summary>The lifetimes offered, in days; 0 is "never expires".</summary>
    public static readonly IReadOnlyList<(int Days, string Label)> Lifetimes =
        [(30, "30 days"), (90, "90 days"), (365, "1 year"), (0, "Never")];

    public async Task<List<PersonalAccessToken>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Set<PersonalAccessToken>().AsNoTracking().OwnedBy(user).OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Makes a token; else the problem, keyed by its field ("" for the account as a whole: it has too many).</summary>
    public async Task<(NewAccessToken? Token, string? Field, string? Problem)> CreateAsync(ClaimsPrincipal user, string? name, int? days, CancellationToken cancellationToken)
    {
        var accountId = user.AccountId() ?? throw new InvalidOperationException("Only a signed-in person makes tokens.");
        if (CheckName(name) is { } nameProblem)
            return (null, "Name", nameProblem);
        if (days is not { } lifetime || Lifetimes.All(l => l.Days != lifetime))
            return (null, "Days", "Choose how long the token works.");
        if (await db.Set<PersonalAccessToken>().CountAsync(t => t.AccountId == accountId, cancellationToken) >= MaxPerAccount)
            return (null, "", $"An account keeps at most {MaxPerAccount} tokens. Revoke one you no longer use first.");

        var secret = SecretTokens.New();
        var token = TokenPrefix + secret;
        var now = time.GetUtcNow().UtcDateTime;
        var row = new PersonalAccessToken
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            Name = AccountInput.NormalizeDisplayName(name),
            TokenHash = Hash(token),
            Prefix = secret[..8],
            CreatedAt = now,
            ExpiresAt = lifetime == 0 ? null : now.AddDays(lifetime),
        };
        db.Set<PersonalAccessToken>().Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (new NewAccessToken(token, row), null, null);
    }

    /// <summary>Deletes one of the person's own tokens; false when it is not theirs or does not exist (the page answers 404).</summary>
    public async Task<bool> RevokeAsync(ClaimsPrincipal user, Guid id, CancellationToken cancellationToken) =>
        await db.Set<PersonalAccessToken>().OwnedBy(user).Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;

    public static string? CheckName(string? name)
    {
        var clean = AccountInput.NormalizeDisplayName(name);
        if (clean.Length == 0)
            return "Enter a name for the token, such as the script or app that will use it.";
        if (clean.Length > NameMaxLength)
            return $"Use at most {NameMaxLength} characters; this has {clean.Length}.";
        if (clean.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
            return "The name contains control or formatting characters; type it again.";
        return null;
    }

    /// <summary>Whether a string has the shape of a token, checked before any lookup so junk costs no query.</summary>
    public static bool LooksLikeToken(string value) =>
        value.Length == TokenPrefix.Length + SecretLength
        && value.StartsWith(TokenPrefix, StringComparison.Ordinal)
        && !value.AsSpan(TokenPrefix.Length).ContainsAnyExcept(Base64UrlAlphabet);

    /// <summary>Lower-case hex SHA-256 of the whole token, as stored.</summary>
    public static string Hash(string token) => SecretTokens.Hash(token);

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

}
