namespace MedAtlas.Tests.Infrastructure.Web.Fuzz;

/// <summary>
/// One value an attacker or a careless script sends. <see cref="Encoded"/> goes into an address or a form body as is;
/// <see cref="Text"/> is the decoded string for JSON bodies, or null when the value is not text at all (bytes that
/// are not UTF-8, a broken percent escape).
/// </summary>
internal sealed record Hostile(string Label, string Encoded, string? Text)
{
    public static Hostile Of(string label, string text) => new(label, Uri.EscapeDataString(text), text);

    /// <summary>Already percent-encoded on purpose: invalid UTF-8, double encoding, a broken escape.</summary>
    public static Hostile Raw(string label, string encoded) => new(label, encoded, null);

    public override string ToString() => Label;
}

/// <summary>The hostile values of issue 19's probe, and a few more: every kind once, picked from by the seeded fuzzer.</summary>
internal static class HostileValues
{
    public static readonly IReadOnlyList<Hostile> All =
    [
        Hostile.Of("empty", ""),
        Hostile.Of("blank", " "),
        Hostile.Of("tabs", "\t\t"),
        Hostile.Of("crlf", "\r\n"),
        Hostile.Of("100 KB", new string('a', 100 * 1024)),
        Hostile.Of("100 KB of words", string.Concat(Enumerable.Repeat("ibuprofen ", 10 * 1024))),
        Hostile.Of("control characters", "\u0001\u0002\u001b\u001f\u007f"),
        Hostile.Of("NUL", "\0"),
        Hostile.Of("NUL inside", "ibu\0profen"),
        Hostile.Of("header injection", "x\r\nSet-Cookie: fuzz=1"),
        Hostile.Of("unicode", "Ибупрофен 日本語 🙂 ü"),
        Hostile.Of("combining marks", "e" + new string('\u0301', 60)),
        Hostile.Of("right-to-left override", "\u202egnp.exe"),
        Hostile.Of("zero-width and BOM", "\ufeff\u200b\u200d"),
        Hostile.Raw("lone surrogate (CESU bytes)", "%ED%A0%80"),
        Hostile.Raw("invalid UTF-8", "%FF%FE%FD"),
        Hostile.Raw("overlong dot-dot-slash", "%C0%AE%C0%AE%C0%AF"),
        Hostile.Raw("broken percent escape", "%zz%"),
        Hostile.Raw("double-encoded traversal", "%252e%252e%252fetc%252fpasswd"),
        Hostile.Raw("encoded traversal", "..%2f..%2f..%2fetc%2fpasswd"),
        Hostile.Of("path traversal", "../../../../etc/passwd"),
        Hostile.Of("windows traversal", "..\\..\\..\\windows\\win.ini"),
        Hostile.Of("SQL quote", "' OR '1'='1"),
        Hostile.Of("SQL statement", "1; DROP TABLE drugs; --"),
        Hostile.Of("LIKE wildcards", "%_%[a-z]\\"),
        Hostile.Of("minus one", "-1"),
        Hostile.Of("zero", "0"),
        Hostile.Of("below int", "-2147483649"),
        Hostile.Of("above int", "2147483648"),
        Hostile.Of("above long", "9223372036854775808"),
        Hostile.Of("huge", "99999999999999999999999999999999"),
        Hostile.Of("NaN", "NaN"),
        Hostile.Of("infinity", "-Infinity"),
        Hostile.Of("1e309", "1e309"),
        Hostile.Of("fraction", "1.5"),
        Hostile.Of("hex", "0x1F"),
        Hostile.Of("minus zero", "-0"),
        Hostile.Of("year zero", "0000-00-00"),
        Hostile.Of("last instant", "9999-12-31T23:59:59.9999999Z"),
        Hostile.Of("no such day", "2024-02-30"),
        Hostile.Of("script", "<script>alert(1)</script>"),
        Hostile.Of("attribute break", "\"><svg onload=alert(1)>"),
        Hostile.Of("format string", "{0}{1}%s%n%x"),
        Hostile.Of("JSON text", "{\"a\":[1,2]}"),
        Hostile.Of("null word", "null"),
        Hostile.Of("protocol-relative URL", "//evil.example/"),
        Hostile.Of("javascript URL", "javascript:alert(1)"),
        Hostile.Of("metadata URL", "http://169.254.169.254/latest/meta-data/"),
        Hostile.Of("commas", ",,, ,"),
        Hostile.Of("5,000 list items", string.Join(",", Enumerable.Range(0, 5000).Select(i => "a" + i))),
        Hostile.Of("guid-like", "00000000-0000-0000-0000-000000000000"),
        Hostile.Of("true", "true"),
    ];

    /// <summary>Malformed or unexpected JSON bodies for an API that reads one.</summary>
    public static readonly IReadOnlyList<(string Label, byte[] Body)> BrokenJson =
    [
        ("empty body", Utf8("")),
        ("unclosed object", Utf8("{")),
        ("cut in a value", Utf8("{\"name\": \"ibu")),
        ("trailing comma", Utf8("{\"a\": 1,}")),
        ("array", Utf8("[]")),
        ("null", Utf8("null")),
        ("a string", Utf8("\"text\"")),
        ("a number", Utf8("42")),
        ("single quotes", Utf8("{'name': 'x'}")),
        ("comment", Utf8("{/* x */}")),
        ("NaN literal", Utf8("{\"a\": NaN}")),
        ("number too large", Utf8("{\"a\": 1e999}")),
        ("deep nesting", Utf8(new string('[', 5000) + new string(']', 5000))),
        ("duplicate keys", Utf8("{\"a\": 1, \"a\": 2}")),
        ("BOM then object", Utf8("\ufeff{}")),
        ("NUL in body", Utf8("{\"a\": \"\0\"}")),
        ("invalid UTF-8", [.. Utf8("{\"a\": \""), 0xFF, 0xFE, .. Utf8("\"}")]),
    ];

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>Content types a JSON API or a form does not take.</summary>
    public static readonly IReadOnlyList<string> WrongContentTypes =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "application/octet-stream", "application/json; charset=utf-32", "image/png"];

    /// <summary>Methods a route may not take; the fuzzer sends each route some of those it has no handler for.</summary>
    public static readonly IReadOnlyList<string> Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FUZZ"];
}
