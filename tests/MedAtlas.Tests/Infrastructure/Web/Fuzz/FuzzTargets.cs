using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Infrastructure.Web.Fuzz;

/// <summary>
/// One way into the app: a route, a method and (for a page) a handler, with the names it reads from the query, the
/// form or a JSON body. Found from the app's own endpoint data source, its page models and its OpenAPI document, so a
/// route mapped tomorrow is a target tomorrow.
/// </summary>
internal sealed record FuzzTarget(
    string Route,
    RoutePattern Pattern,
    string Method,
    string? Handler,
    bool IsApi,
    bool IsPage,
    IReadOnlyList<string> Query,
    IReadOnlyList<string> Form,
    IReadOnlyList<string> BodyFields,
    bool ReadsJsonBody,
    bool StaffOnly,
    bool ValidatesAntiforgery,
    IReadOnlySet<string> RouteMethods)
{
    public override string ToString() => $"{Method} {Route}{(Handler is null ? "" : "?handler=" + Handler)}";
}

internal static class FuzzTargets
{
    public static async Task<List<FuzzTarget>> FindAsync(IServiceProvider services, JsonObject openApi)
    {
        var source = services.GetRequiredService<EndpointDataSource>();
        var loader = services.GetRequiredService<PageLoader>();
        var targets = new List<FuzzTarget>();
        var staticAssets = 0;
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            // Fingerprinted files (/css/site.abc123.css, .gz, .br) are hundreds of routes of one kind: a few stand for all.
            if (endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor") && ++staticAssets > 3)
                continue;
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var staff = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles))
                && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
            var antiforgery = !(endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Antiforgery.IAntiforgeryMetadata>() is { RequiresValidation: false }
                || endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.ViewFeatures.IAntiforgeryPolicy>() is IgnoreAntiforgeryTokenAttribute);
            var isApi = route == "/api" || route.StartsWith("/api/", StringComparison.Ordinal);

            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                var methods = compiled.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Append("GET").Append("HEAD").ToHashSet(StringComparer.Ordinal);
                var getProperties = compiled.BoundProperties.OfType<PageBoundPropertyDescriptor>().Where(p => SupportsGet(p, compiled)).SelectMany(p => Names(p.BindingInfo, p.Name, p.ParameterType)).ToList();
                var allProperties = compiled.BoundProperties.SelectMany(p => Names(p.BindingInfo, p.Name, p.ParameterType)).ToList();
                var handlers = compiled.HandlerMethods.ToList();
                if (!handlers.Any(h => string.Equals(h.HttpMethod, "Get", StringComparison.OrdinalIgnoreCase) && h.Name is null))
                    targets.Add(Page(route, endpoint, "GET", null, getProperties, [], staff, antiforgery, methods, routeNames));
                foreach (var handler in handlers)
                {
                    var parameters = handler.Parameters.SelectMany(p => Names(p.BindingInfo, p.Name, p.ParameterType)).ToList();
                    var method = handler.HttpMethod.ToUpperInvariant();
                    var isGet = method is "GET" or "HEAD";
                    targets.Add(Page(route, endpoint, method, handler.Name,
                        isGet ? [.. getProperties, .. parameters] : getProperties,
                        isGet ? [] : [.. allProperties, .. parameters], staff, antiforgery, methods, routeNames));
                }
            }
            else
            {
                var methods = (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).ToHashSet(StringComparer.Ordinal);
                if (methods.Contains("GET"))
                    methods.Add("HEAD");
                var method = endpoint.Metadata.GetMetadata<MethodInfo>();
                foreach (var verb in methods.Where(m => m != "HEAD"))
                {
                    var operation = Operation(openApi, endpoint.RoutePattern, verb);
                    var query = new List<string>();
                    var bodyFields = new List<string>();
                    var readsBody = false;
                    if (operation?["parameters"] is JsonArray parameters)
                    {
                        query.AddRange(parameters.OfType<JsonObject>().Select(p => Resolve(openApi, p))
                            .Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!));
                    }

                    if (operation?["requestBody"]?["content"] is JsonObject content)
                    {
                        readsBody = true;
                        foreach (var (_, media) in content)
                        {
                            if (media?["schema"] is JsonObject schema && Resolve(openApi, schema)["properties"] is JsonObject properties)
                                bodyFields.AddRange(properties.Select(p => p.Key));
                        }
                    }

                    // Endpoints left out of the OpenAPI document (the text-size form, the pill pictures) still say what they bind.
                    if (method is not null)
                    {
                        foreach (var parameter in method.GetParameters())
                        {
                            if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
                                readsBody = true;
                            else if (QueryName(parameter, routeNames) is { } name)
                                query.Add(name);
                        }
                    }

                    targets.Add(new FuzzTarget(route, endpoint.RoutePattern, verb, null, isApi, false,
                        [.. query.Distinct(StringComparer.OrdinalIgnoreCase)], [], [.. bodyFields.Distinct(StringComparer.Ordinal)],
                        readsBody || (verb is "POST" or "PUT" or "PATCH"), staff, false, methods));
                }
            }
        }

        return [.. targets.DistinctBy(t => t.ToString())];
    }

    private static FuzzTarget Page(string route, RouteEndpoint endpoint, string method, string? handler, List<string> query, List<string> form,
        bool staff, bool antiforgery, IReadOnlySet<string> methods, HashSet<string> routeNames) =>
        new(route, endpoint.RoutePattern, method, handler, false, true,
            [.. query.Where(q => !routeNames.Contains(q)).Distinct(StringComparer.OrdinalIgnoreCase)],
            [.. form.Where(f => !routeNames.Contains(f)).Distinct(StringComparer.OrdinalIgnoreCase)],
            [], false, staff, antiforgery, methods);

    private static bool SupportsGet(PageBoundPropertyDescriptor property, CompiledPageActionDescriptor page)
    {
        if (property.BindingInfo?.BindingSource is { } source && (source == BindingSource.Query || source == BindingSource.Path))
            return true;
        var info = property.Property;
        return info.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet
            ?? page.ModelTypeInfo?.GetCustomAttribute<BindPropertiesAttribute>()?.SupportsGet
            ?? false;
    }

    /// <summary>The form or query names a bound value reads: itself when simple, <c>Input.Email</c> for a model's members.</summary>
    private static IEnumerable<string> Names(BindingInfo? binding, string name, Type type, int depth = 0)
    {
        if (binding?.BindingSource is { } source && (source == BindingSource.Services || source == BindingSource.Header || source == BindingSource.Special))
            yield break;
        var prefix = binding?.BinderModelName ?? name;
        if (IsSimple(type) || IsSimpleList(type) || typeof(IFormFile).IsAssignableFrom(type) || typeof(IFormFileCollection).IsAssignableFrom(type))
        {
            yield return prefix;
            yield break;
        }

        if (type == typeof(CancellationToken) || depth > 2 || type.IsAbstract)
            yield break;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var bindName = property.GetCustomAttribute<ModelBinderAttribute>()?.Name ?? property.GetCustomAttribute<FromFormAttribute>()?.Name ?? property.Name;
            foreach (var inner in Names(null, bindName, property.PropertyType, depth + 1))
                yield return prefix + "." + inner;
        }
    }

    private static string? QueryName(ParameterInfo parameter, HashSet<string> routeNames)
    {
        if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery)
            return fromQuery.Name ?? parameter.Name;
        if (parameter.GetCustomAttribute<FromRouteAttribute>() is not null || parameter.GetCustomAttribute<FromServicesAttribute>() is not null
            || parameter.GetCustomAttribute<FromHeaderAttribute>() is not null || parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            return null;
        if (parameter.Name is null || routeNames.Contains(parameter.Name))
            return null;
        return IsSimple(parameter.ParameterType) || IsSimpleList(parameter.ParameterType) ? parameter.Name : null;
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan);
    }

    private static bool IsSimpleList(Type type) =>
        type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)
        && (type.IsArray ? IsSimple(type.GetElementType()!) : type.IsGenericType && type.GetGenericArguments() is [var element] && IsSimple(element));

    /// <summary>The OpenAPI operation of a route and method; the document writes <c>/api/v1/drugs/{slug}</c> without constraints.</summary>
    private static JsonObject? Operation(JsonObject openApi, RoutePattern pattern, string method)
    {
        var template = "/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
        if (openApi["paths"] is not JsonObject paths)
            return null;
        var path = paths.FirstOrDefault(p => string.Equals(p.Key, template, StringComparison.OrdinalIgnoreCase)).Value;
        return path?[method.ToLowerInvariant()] as JsonObject;
    }

    private static JsonObject Resolve(JsonObject openApi, JsonObject node)
    {
        for (var i = 0; i < 5 && node["$ref"] is JsonValue reference && ((string?)reference)?.StartsWith("#/", StringComparison.Ordinal) == true; i++)
        {
            JsonNode? target = openApi;
            foreach (var part in ((string)reference!)[2..].Split('/'))
                target = target?[part];
            if (target is not JsonObject resolved)
                break;
            node = resolved;
        }

        return node;
    }
}
