using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// Pays the cost of one password hash when there is no account to check against, so that a sign-in or
/// registration for an unknown email takes as long as one for a known email (no account enumeration by timing).
/// </summary>
internal sealed class SignInTiming
{
    private static readonly Account Nobody = new() { Id = "timing", UserName = "timing" };

    // Its own hasher with the app's options: Identity's is scoped, this one is shared.
    private readonly PasswordHasher<Account> hasher;
    private readonly Lazy<string> dummyHash;

    public SignInTiming(IOptions<PasswordHasherOptions> options)
    {
        hasher = new PasswordHasher<Account>(options);
        dummyHash = new Lazy<string>(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));
    }

    public void VerifyAgainstNobody(string password) => hasher.VerifyHashedPassword(Nobody, dummyHash.Value, password);

    public void HashForNobody(string password) => hasher.HashPassword(Nobody, password);
}
