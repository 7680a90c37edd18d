using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// A page answers only the methods it has a handler for, and GET and HEAD (a page without <c>OnGet</c> shows its
/// form). Razor Pages would otherwise run the view on an empty model for a PUT or DELETE, or a POST to a page
/// without <c>OnPost</c> (issue 19); here that is a 405 with <c>Allow</c>, before anti-forgery would answer 400;
/// OPTIONS gets 204 with the same <c>Allow</c>.
/// </summary>
internal sealed class PageMethods : IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the anti-forgery check (order 1000): a method the page does not take is refused as such.</summary>
    public int Order => -1000;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.ActionDescriptor is not CompiledPageActionDescriptor page)
            return;
        var method = context.HttpContext.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            return;
        // The error pages re-execute the original request, whatever its method: they must always render.
        var features = context.HttpContext.Features;
        if (features.Get<IStatusCodeReExecuteFeature>() is not null || features.Get<IExceptionHandlerFeature>() is not null)
            return;
        if (page.HandlerMethods.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)))
            return;

        context.HttpContext.Response.Headers.Allow = Allow(page);
        // OPTIONS asks exactly this question (RFC 9110, 9.3.7): the answer is the Allow header, not a refusal.
        context.Result = new Microsoft.AspNetCore.Mvc.StatusCodeResult(
            HttpMethods.IsOptions(method) ? StatusCodes.Status204NoContent : StatusCodes.Status405MethodNotAllowed);
    }

    private static string Allow(CompiledPageActionDescriptor page) =>
        string.Join(", ", page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Prepend("HEAD").Prepend("GET").Distinct(StringComparer.Ordinal));
}
