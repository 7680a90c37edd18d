using System.Globalization;
using System.Text;
using QRCoder;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>The authenticator-app pieces of two-factor sign-in: the key as people type it, its QR code, and code clean-up.</summary>
internal static class TwoFactorCodes
{
    public const int RecoveryCodeCount = 10;

    /// <summary>"ABCD EFGH IJKL ...": easier to copy by hand than one long run of letters.</summary>
    public static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
                result.Append(' ');
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return result.ToString().ToUpperInvariant();
    }

    public static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString("MedAtlas")}:{Uri.EscapeDataString(email)}?secret={key}&issuer=MedAtlas&digits=6";

    /// <summary>
    /// The QR code as one SVG path of unit squares. Drawn here rather than by a QR service or an image so the
    /// secret never leaves the page and the strict CSP (no inline style) holds; the module matrix already
    /// includes the quiet zone.
    /// </summary>
    public static (int Size, string Path) QrPath(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var path = new StringBuilder();
        for (var y = 0; y < matrix.Count; y++)
        {
            for (var x = 0; x < matrix[y].Length; x++)
            {
                if (matrix[y][x])
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
            }
        }

        return (matrix.Count, path.ToString());
    }

    /// <summary>People type codes with spaces or hyphens ("123 456"); the app and Identity want the bare digits.</summary>
    public static string Clean(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>Identity's recovery codes look like "ABCDE-12345"; accept them typed in lower case or without the hyphen.</summary>
    public static string CleanRecoveryCode(string? code)
    {
        var value = new string((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return value.Length == 10 && !value.Contains('-', StringComparison.Ordinal) ? $"{value[..5]}-{value[5..]}" : value;
    }

    public static string? CheckCode(string? code)
    {
        var value = Clean(code);
        if (value.Length == 0)
            return "Enter the 6-digit code from your authenticator app.";
        if (value.Length != 6 || !value.All(char.IsAsciiDigit))
            return "The code is 6 digits, like 123456.";
        return null;
    }
}
