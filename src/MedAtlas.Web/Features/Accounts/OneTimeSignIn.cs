using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// The one-time sign-in link the <c>admin create</c> command prints. The code is a data-protected Identity token for
/// the purpose <see cref="Purpose"/>, valid for <see cref="Lifespan"/>; using it changes the security stamp, which
/// every token of the account embeds, so the same link never works twice.
/// </summary>
internal static class OneTimeSignIn
{
    /// <summary>The token provider's name: its own provider, because the default one lives for the 24 hours mail links need.</summary>
    public const string Provider = "OneTimeSignIn";

    public const string Purpose = "one-time-sign-in";

    public const string Method = "one-time link";

    public static readonly TimeSpan Lifespan = TimeSpan.FromHours(1);

    public static async Task<string> CreateLinkAsync(UserManager<Account> users, PublicLinks links, Account account)
    {
        var token = await users.GenerateUserTokenAsync(account, Provider, Purpose);
        return links.To(null, Path(account.Id, token));
    }

    public static string Path(string accountId, string token) =>
        $"/account/one-time-sign-in?id={Uri.EscapeDataString(accountId)}&code={Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token))}";

    /// <summary>The account the link is for, or null when the link is tampered, expired, already used, or the account is locked.</summary>
    public static async Task<Account?> CheckAsync(UserManager<Account> users, string? id, string? code)
    {
        var token = Registration.DecodeCode(code);
        if (string.IsNullOrEmpty(id) || id.Length > 450 || token is null)
            return null;
        var account = await users.FindByIdAsync(id);
        if (account is null || await users.IsLockedOutAsync(account))
            return null;
        return await users.VerifyUserTokenAsync(account, Provider, Purpose, token) ? account : null;
    }
}

/// <summary>The data-protector token provider with the one-hour life of <see cref="OneTimeSignIn.Lifespan"/>.</summary>
internal sealed class OneTimeSignInTokenProvider(
    IDataProtectionProvider protection, IOptions<OneTimeSignInTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<Account>> logger)
    : DataProtectorTokenProvider<Account>(protection, options, logger);

internal sealed class OneTimeSignInTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public OneTimeSignInTokenProviderOptions()
    {
        Name = OneTimeSignIn.Provider;
        TokenLifespan = OneTimeSignIn.Lifespan;
    }
}
