using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// Refuses passwords on the list of commonly used ones (OWASP ASVS 2.1.7), and ones that are the account's own
/// email or display name. The list is zxcvbn's (30,000 passwords seen most often in breaches, MIT), read
/// from the zxcvbn-core package that ships with the app: nothing is looked up elsewhere.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<Account>
{
    public const string CommonCode = "CommonPassword";
    public const string PersonalCode = "PasswordIsPersonal";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static int ListSize => List.Value.Count;

    public static bool IsCommon(string password) => List.Value.Contains(password.Trim().ToLowerInvariant());

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return Task.FromResult(IdentityResult.Success);
        if (IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = CommonCode,
                Description = "This password is on the list of commonly used passwords that attackers try first. Choose another.",
            }));
        }

        var trimmed = password.Trim();
        if ((user.Email is { Length: > 0 } email && string.Equals(trimmed, email, StringComparison.OrdinalIgnoreCase)) ||
            (user.DisplayName is { Length: > 0 } name && string.Equals(trimmed, name, StringComparison.OrdinalIgnoreCase)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = PersonalCode,
                Description = "Your password cannot be your email address or your display name.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static FrozenSet<string> Load()
    {
        var assembly = typeof(Zxcvbn.Zxcvbn).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Dictionaries.passwords.lst", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } word)
                words.Add(word.ToLowerInvariant());
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
