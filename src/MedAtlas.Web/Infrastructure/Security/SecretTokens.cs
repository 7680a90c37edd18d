using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace MedAtlas.Web.Infrastructure.Security;

/// <summary>
/// Secrets handed to a person once (a personal access token, a caregiver invitation link) and kept only as a hash:
/// a random value in base64url, and the lower-case hex SHA-256 the database stores and looks up.
/// </summary>
internal static class SecretTokens
{
    /// <summary><paramref name="bytes"/> random bytes as base64url without padding (43 characters for 32 bytes).</summary>
    public static string New(int bytes = 32) => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>What is stored for <paramref name="secret"/>: lower-case hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
