using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>A request body read by <see cref="JsonBody"/>: the value, or the answer to give instead.</summary>
internal sealed record JsonBody<T>(T? Value, ValidationProblem? Invalid, ProblemHttpResult? Refused)
    where T : class;

/// <summary>
/// Reads a JSON request body for a write endpoint, instead of minimal APIs' own body binding, which answers a
/// malformed body or a string where a number belongs ("lots") with a bare 400 that names nothing. Here those are a
/// validation problem keyed by the field (<c>doseAmount</c>), a property the record does not have is refused rather
/// than silently dropped (a typo like <c>dose</c> would otherwise save nothing), and anything that is not <c>application/json</c> is a 415: that is also what keeps
/// cross-site forms out of cookie-authenticated APIs (docs/architecture.md, "Personal API and tokens").
/// </summary>
internal static class JsonBody
{
    /// <summary>Large enough for any one record of the API; a bigger body is refused before it is parsed.</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    /// <summary>Reads <typeparamref name="T"/>; an empty JSON body becomes <paramref name="whenEmpty"/> when given, else a problem.</summary>
    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, T? whenEmpty = null)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return new(null, null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send JSON",
                detail: "Send the body as JSON, with Content-Type: application/json."));
        }

        if (request.ContentLength > MaxBytes)
            return new(null, null, TooLarge());
        if (request.ContentLength == 0 && whenEmpty is not null)
            return new(whenEmpty, null, null);

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                    return new(null, null, TooLarge());
                buffer.Write(chunk, 0, read);
            }

            if (buffer.Length == 0)
                return whenEmpty is not null ? new(whenEmpty, null, null) : new(null, Invalid("body", "Send the values as a JSON object."), null);
            buffer.Position = 0;
            using var document = await JsonDocument.ParseAsync(buffer, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return new(null, Invalid("body", "Send the values as a JSON object, like {\"name\": \"atorvastatin\"}."), null);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (PropertyOf<T>(property.Name) is null)
                {
                    var name = property.Name.Length > 60 ? property.Name[..60] + "…" : property.Name;
                    return new(null, Invalid(name, $"There is no field “{name}” here. The fields are: {string.Join(", ", Names<T>())}."), null);
                }
            }

            var value = document.RootElement.Deserialize<T>(Options);
            return value is null ? new(null, Invalid("body", "Send the values as a JSON object."), null) : new(value, null, null);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e);
            return new(null, Invalid(field, MessageFor<T>(field, e)), null);
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: $"A request body holds at most {MaxBytes / 1024} KB.");

    /// <summary>The top-level property a JSON error is about (<c>$.doseAmount</c>), or "body" for the body as a whole.</summary>
    private static string FieldOf(JsonException e)
    {
        var path = e.Path ?? "$";
        if (path.StartsWith("$.", StringComparison.Ordinal))
            return path[2..].Split('.', '[')[0];
        if (path.StartsWith("$['", StringComparison.Ordinal) && path.IndexOf("']", StringComparison.Ordinal) is var end and > 3)
            return path[3..end];
        return "body";
    }

    private static string MessageFor<T>(string field, JsonException e)
    {
        if (field == "body")
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, character {e.BytePositionInLine + 1})" : "";
            return $"The body is not valid JSON{where}. Send a JSON object, like {{\"name\": \"atorvastatin\"}}.";
        }

        var property = PropertyOf<T>(field);
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type switch
        {
            null => "This value cannot be read.",
            _ when type == typeof(decimal) || type == typeof(double) => "Enter a number, like 1 or 2.5 (or null).",
            _ when type == typeof(int) || type == typeof(long) => "Enter a whole number, like 30 (or null).",
            _ when type == typeof(DateOnly) => "Enter a date as YYYY-MM-DD, like 2025-03-01 (or null).",
            _ when type == typeof(bool) => "Enter true or false.",
            _ when type == typeof(string) => "Enter text, in quotes (or null).",
            _ => "This value has the wrong type.",
        };
    }

    /// <summary>The record's property a JSON name binds to (case-insensitively, as the Web defaults do).</summary>
    private static PropertyInfo? PropertyOf<T>(string jsonName) =>
        typeof(T).GetProperty(jsonName, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);

    private static IEnumerable<string> Names<T>() => typeof(T).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));
}
