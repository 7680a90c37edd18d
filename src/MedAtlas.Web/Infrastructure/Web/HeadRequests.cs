namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// HEAD is answered like GET, without the body (RFC 9110), everywhere: Razor Pages do that themselves, but a minimal
/// API endpoint mapped with <c>MapGet</c> would answer HEAD 405 (issue 19). Runs before routing, so the GET endpoint,
/// its rate limit and its authorization apply unchanged.
/// </summary>
internal static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            var body = context.Response.Body;
            context.Request.Method = HttpMethods.Get;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = body;
                context.Request.Method = HttpMethods.Head;
            }
        });
}
