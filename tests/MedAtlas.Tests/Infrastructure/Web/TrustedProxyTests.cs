using System.Net;
using MedAtlas.Tests.Infrastructure.Observability;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Infrastructure.Web;

/// <summary>
/// <c>MedAtlas:TrustedProxies</c> with an address and a network: <c>X-Forwarded-For</c> is believed from those and
/// from no one else. What shows it is what the app does with the client's address: <c>/metrics</c> here open to
/// 203.0.113.0/24 only.
/// </summary>
public sealed class TrustedProxyTests(TrustedProxyTests.ProxiedApp app) : IClassFixture<TrustedProxyTests.ProxiedApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class ProxiedApp : MedAtlasApp
    {
        public ProxiedApp()
        {
            WithSetting("MedAtlas:TrustedProxies:0", "10.0.0.5");
            WithSetting("MedAtlas:TrustedProxies:1", "10.1.0.0/16");
            WithSetting("MedAtlas:Telemetry:Metrics:Enabled", "true");
            WithSetting("MedAtlas:Telemetry:Metrics:AllowedNetworks:0", "203.0.113.0/24");
            WithServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        }
    }

    [Theory]
    [InlineData("10.0.0.5", HttpStatusCode.OK)]
    [InlineData("10.1.200.3", HttpStatusCode.OK)]
    [InlineData("10.0.0.6", HttpStatusCode.NotFound)]
    [InlineData("127.0.0.1", HttpStatusCode.NotFound)]
    public async Task Forwarded_for_is_believed_only_from_a_listed_proxy_or_network(string proxy, HttpStatusCode expected)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(ClientAddressFromHeader.Header, proxy);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_proxy_entry_stops_the_start_with_one_line()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (exitCode, output) = await Backup.CommandLine.RunAsync(database, "migrate", "--MedAtlas:TrustedProxies:0=10.0.0.0/99");

        Assert.Equal(2, exitCode);
        Assert.Contains("MedAtlas cannot start: MedAtlas:TrustedProxies has '10.0.0.0/99'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
