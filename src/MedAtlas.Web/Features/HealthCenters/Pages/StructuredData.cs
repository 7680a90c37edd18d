using System.Text.Json;
using System.Text.Json.Serialization;

namespace MedAtlas.Web.Features.HealthCenters.Pages;

/// <summary>
/// schema.org <c>MedicalWebPage</c> JSON-LD for an article or a slideshow. It is data, not script (browsers do not run a
/// <c>type="application/ld+json"</c> block, so the CSP has nothing to block); System.Text.Json's default encoder escapes
/// <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so a title holding <c>&lt;/script&gt;</c> cannot end the element.
/// </summary>
internal static class StructuredData
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string MedicalWebPage(
        string url, string title, string summary, ReviewLine review, DateTimeOffset published, string centerName, string centerUrl,
        IEnumerable<(string Name, string Url)> about) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "MedicalWebPage",
            ["name"] = title,
            ["headline"] = title,
            ["description"] = summary,
            ["url"] = url,
            ["datePublished"] = published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["lastReviewed"] = review.ReviewedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["reviewedBy"] = review.ReviewerName is null ? null : Party(review.ReviewerName),
            ["author"] = Party(review.AuthorName),
            ["isPartOf"] = new Dictionary<string, object> { ["@type"] = "WebPage", ["name"] = $"{centerName} Health Center", ["url"] = centerUrl },
            ["about"] = about.Select(a => new Dictionary<string, object> { ["@type"] = "MedicalCondition", ["name"] = a.Name, ["url"] = a.Url }).ToList(),
        }, Options);

    // Starter content is the editorial team's, an organisation, and so is the work of someone who deleted their account;
    // a writer or reviewer with an account is a person.
    private static Dictionary<string, object> Party(string name) => name == HealthStarterData.EditorialTeam || HealthPersonalData.IsFormer(name)
        ? new() { ["@type"] = "Organization", ["name"] = "The MedAtlas editorial team" }
        : new() { ["@type"] = "Person", ["name"] = name };
}
