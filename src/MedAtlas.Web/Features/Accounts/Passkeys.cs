using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>What the passkey pages share: credential ids in URLs, names, and reading what the browser sent.</summary>
internal static class Passkeys
{
    public const int NameMaxLength = 60;

    /// <summary>A credential JSON from the browser is a few kilobytes; anything far bigger is not one.</summary>
    public const int CredentialMaxLength = 64 * 1024;

    public const string DidNotWork = "That passkey did not work. Try again, or sign in with your password.";

    public static string IdOf(UserPasskeyInfo passkey) => WebEncoders.Base64UrlEncode(passkey.CredentialId);

    /// <summary>The credential id from a URL, or null when it is not even base64url (a tampered form).</summary>
    public static byte[]? DecodeId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 2000)
            return null;
        try
        {
            return WebEncoders.Base64UrlDecode(id);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string NameOf(UserPasskeyInfo passkey) => string.IsNullOrWhiteSpace(passkey.Name) ? "Passkey" : passkey.Name;

    public static string? CheckName(string? name)
    {
        var value = AccountInput.NormalizeDisplayName(name);
        if (value.Length == 0)
            return "Give the passkey a name, such as the device it is on.";
        if (value.Length > NameMaxLength)
            return $"A passkey name has at most {NameMaxLength} characters.";
        if (name!.Any(char.IsControl))
            return "A passkey name cannot contain control characters.";
        return null;
    }

    /// <summary>Whether the form carried something shaped like a credential: Identity throws on an empty one and on broken JSON.</summary>
    public static bool LooksLikeCredential(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > CredentialMaxLength)
            return false;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
