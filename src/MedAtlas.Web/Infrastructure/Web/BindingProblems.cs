using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// A minimal API parameter that cannot be bound (<c>?page=abc</c> for an <c>int? page</c>) is a 400 problem naming the
/// parameter, not a bare "Bad Request" that names nothing (issue 19, found by the fuzz suite). Minimal APIs say which
/// parameter only in the message of the <see cref="BadHttpRequestException"/> they throw with
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c> ("Failed to bind parameter "int? page" from "abc"."; there is no
/// property for it, dotnet/aspnetcore#35501), so the name is read from there. The value itself is never echoed.
/// Pages get the site's error page with the exception's status (<see cref="StatusOf"/>), not a 500.
/// </summary>
internal sealed partial class BindingProblems : IExceptionHandler
{
    public static int StatusOf(Exception exception) =>
        exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || !httpContext.Request.Path.StartsWithSegments("/api"))
            return false;

        var result = ParameterPattern().Match(bad.Message) is { Success: true } match
            ? Results.ValidationProblem(
                new Dictionary<string, string[]> { [match.Groups["name"].Value] = [Explain(match.Groups["type"].Value)] },
                statusCode: bad.StatusCode)
            : Results.Problem(statusCode: bad.StatusCode);
        await result.ExecuteAsync(httpContext);
        return true;
    }

    private static string Explain(string type) => type.TrimEnd('?', ']', '[') switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => "Enter a whole number, like 2.",
        "decimal" or "double" or "float" or "Decimal" or "Double" => "Enter a number, like 2.5.",
        "bool" or "Boolean" => "Enter true or false.",
        "Guid" => "Enter an id like 3f2504e0-4f89-11d3-9a0c-0305e82c3301.",
        "DateOnly" => "Enter a date as YYYY-MM-DD.",
        "DateTime" or "DateTimeOffset" => "Enter a date and time in ISO 8601 form, like 2025-03-01T12:00:00Z.",
        _ => "This value cannot be read.",
    };

    /// <summary>"… parameter "int? page" …": the type, then the name, in the first quotes after "parameter".</summary>
    [GeneratedRegex("parameter \"(?:(?<type>[^\" ]+) )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterPattern();
}
