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

    /// <summary>
    /// A source's rules as the checker reads them: the interaction index's, where an imported list's names are matched to
    /// the catalogue of now (the table keeps the list's own names).
    /// </summary>
    public static async Task<Dictionary<(string A, string B), InteractionSeverity>> RulesAsync(MedAtlasApp app, string source)
    {
        SeeImportNow(app);
        var snapshot = await app.Services.GetRequiredService<InteractionIndex>().CurrentAsync(Ct);
        return snapshot.DrugRules.Where(r => r.Source == source).ToDictionary(r => (r.A, r.B), r => r.Severity);
    }

    /// <summary>Per imported list, how many of its names match no catalogue drug now (the index's count).</summary>
    public static async Task<IReadOnlyDictionary<string, int>> UnmatchedNamesAsync(MedAtlasApp app)
    {
        SeeImportNow(app);
        return (await app.Services.GetRequiredService<InteractionIndex>().CurrentAsync(Ct)).UnmatchedNamesPerSource;
    }

    /// <summary>A source's rows as stored: the pairs under the list's own (normalized) names.</summary>
    public static Task<Dictionary<(string A, string B), InteractionSeverity>> StoredRulesAsync(MedAtlasApp app, string source) =>
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
