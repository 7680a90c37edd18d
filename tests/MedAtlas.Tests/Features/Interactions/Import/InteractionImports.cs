using System.Net;
using System.Text.Json;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Interactions;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Interactions.Import;

/// <summary>What the interaction-list import tests share: an app, the stored rules of a source, and the checker's answer.</summary>
internal static class InteractionImports
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<Dictionary<(string A, string B), InteractionSeverity>> RulesAsync(MedAtlasApp app, string source) =>
        app.WithDbAsync(db => db.Set<InteractionRule>().AsNoTracking().Where(r => r.Source == source)
            .ToDictionaryAsync(r => (r.A, r.B), r => r.Severity, Ct));

    public static Task<long> InteractionsStampAsync(MedAtlasApp app) =>
        app.WithDbAsync(db => db.Set<DataStamp>().Where(s => s.Name == "interactions").Select(s => s.Version).FirstOrDefaultAsync(Ct));

    /// <summary>
    /// The import ran in this process, as the site: the site's stamp cache would otherwise show the change within
    /// seconds (what a separate import process gets), and a test wants it now.
    /// </summary>
    public static void SeeImportNow(MedAtlasApp app) => app.Services.GetRequiredService<DataStamps>().Invalidate();

    /// <summary>GET /api/v1/interactions?drugs=...; null when the list was refused (e.g. both names are one drug).</summary>
    public static async Task<JsonElement?> CheckAsync(HttpClient client, params string[] drugs)
    {
        using var response = await client.GetAsync($"/api/v1/interactions?drugs={Uri.EscapeDataString(string.Join(',', drugs))}", Ct);
        if (response.StatusCode == HttpStatusCode.BadRequest)
            return null;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.Clone();
    }

    /// <summary>The interaction between two checked drugs (by slug), if the checker found one.</summary>
    public static JsonElement? Interaction(JsonElement report, string slugA, string slugB) =>
        report.GetProperty("interactions").EnumerateArray()
            .Where(i => (i.GetProperty("a").GetString(), i.GetProperty("b").GetString()) is var (x, y) && ((x == slugA && y == slugB) || (x == slugB && y == slugA)))
            .Select(i => (JsonElement?)i)
            .FirstOrDefault();

    /// <summary>Each source's own severity for the interaction: display name to severity code.</summary>
    public static Dictionary<string, string> Sources(JsonElement interaction) =>
        interaction.GetProperty("sources").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("severity").GetString()!);

    public static List<string> CheckedSlugs(JsonElement report) =>
        [.. report.GetProperty("checked").EnumerateArray().Select(c => c.GetProperty("slug").GetString()!)];
}
