using Microsoft.AspNetCore.Routing.Patterns;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// One rule for every route parameter (a slug, an id, a token, a code): blank after trimming, or holding a control
/// character, it names nothing. A page answers its 404 page, an API 400 problem+json naming the parameter; the
/// handler never sees the value (issue 19: <c>/drugs/%20/interactions</c> answered 500, and PostgreSQL refuses NUL).
/// </summary>
internal static class RouteValueRules
{
    /// <summary>After routing, so the matched endpoint's route pattern says which values are parameters.</summary>
    public static IApplicationBuilder UseRouteValueRules(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is RouteEndpoint endpoint && Refused(endpoint.RoutePattern, context.Request.RouteValues) is { } parameter)
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    await Results.ValidationProblem(
                        new Dictionary<string, string[]> { [parameter] = [$"The {parameter} in the address is blank or holds a control character."] })
                        .ExecuteAsync(context);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                }

                return;
            }

            await next(context);
        });

    private static string? Refused(RoutePattern pattern, RouteValueDictionary values)
    {
        foreach (var parameter in pattern.Parameters)
        {
            if (values.TryGetValue(parameter.Name, out var value) && value is string text && (text.Length == 0 || string.IsNullOrWhiteSpace(text) || text.Any(char.IsControl)))
                return parameter.Name;
        }

        return null;
    }
}
