using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MedAtlas.Tests.Infrastructure.Observability;

/// <summary>
/// Gives an in-memory request the client address in its <c>X-Test-Client-Address</c> header, before any of the app's
/// own middleware runs: as if it had come over the network from there.
/// </summary>
internal sealed class ClientAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate after) =>
        {
            if (context.Request.Headers[Header] is [{ } address])
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            return after(context);
        });
        next(app);
    };
}
