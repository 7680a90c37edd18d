using System.Net;
using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Infrastructure.Observability;

/// <summary>
/// <c>MedAtlas:Telemetry</c>: where traces and metrics go. OTLP export is on when <c>MedAtlas:Telemetry:OtlpEndpoint</c>
/// (OTLP over HTTP/protobuf, the collector's base address) or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set; the Prometheus scrape endpoint when <c>MedAtlas:Telemetry:Metrics:Enabled</c> is true.
/// </summary>
internal sealed record TelemetrySettings(
    Uri? OtlpEndpoint, bool StandardOtlp, string ServiceName, bool MetricsEnabled, string MetricsPath, IReadOnlyList<IPNetwork> AllowedNetworks)
{
    public bool Exports => OtlpEndpoint is not null || StandardOtlp || MetricsEnabled;

    public static TelemetrySettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("MedAtlas:Telemetry");
        Uri? endpoint = null;
        if (section["OtlpEndpoint"] is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https"))
                throw new MedAtlasConfigurationException($"MedAtlas:Telemetry:OtlpEndpoint '{text}' is not an http(s) address. Use the collector's OTLP/HTTP address, e.g. http://127.0.0.1:4318.");
        }

        var metrics = section.GetSection("Metrics");
        var path = metrics["Path"] is { Length: > 0 } p ? p : "/metrics";
        if (!path.StartsWith('/'))
            throw new MedAtlasConfigurationException($"MedAtlas:Telemetry:Metrics:Path '{path}' must start with '/'.");

        var networks = metrics.GetSection("AllowedNetworks").Get<string[]>() is { Length: > 0 } listed ? listed : ["127.0.0.0/8", "::1/128"];
        var allowed = new List<IPNetwork>();
        foreach (var network in networks)
        {
            // A bare address is a network of one.
            var cidr = network.Contains('/', StringComparison.Ordinal) ? network
                : IPAddress.TryParse(network, out var single) ? $"{network}/{(single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32)}" : network;
            if (!IPNetwork.TryParse(cidr, out var parsed))
                throw new MedAtlasConfigurationException($"MedAtlas:Telemetry:Metrics:AllowedNetworks has '{network}', which is not an address or a network (10.0.0.0/8, 127.0.0.1, ::1/128).");
            allowed.Add(parsed);
        }

        return new TelemetrySettings(
            endpoint,
            configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 },
            configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "medatlas",
            metrics.GetValue("Enabled", false),
            path,
            allowed);
    }

    /// <summary>
    /// Whether <paramref name="address"/> may scrape. No address is a Unix socket or the in-memory test server:
    /// local by construction, so it counts as loopback. IPv4 mapped into IPv6 is compared as IPv4.
    /// </summary>
    public bool MayScrape(IPAddress? address)
    {
        address ??= IPAddress.Loopback;
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return AllowedNetworks.Any(n => n.Contains(address));
    }
}
