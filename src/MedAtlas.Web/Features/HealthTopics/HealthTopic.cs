namespace MedAtlas.Web.Features.HealthTopics;

/// <summary>
/// A MedlinePlus health topic (U.S. National Library of Medicine), as imported from its health-topics XML: NLM's
/// summary and its curated list of links. Not edited here; a newer file replaces it.
/// </summary>
internal sealed class HealthTopic
{
    public int Id { get; set; }

    /// <summary>MedlinePlus's own id of the topic ("3061"); the import matches on it.</summary>
    public int MedlinePlusId { get; set; }

    /// <summary>From the title; the MedlinePlus id is appended when another topic already has that slug.</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }

    /// <summary>"English" or "Spanish", as the file says.</summary>
    public required string Language { get; set; }

    /// <summary>The topic's page on medlineplus.gov.</summary>
    public required string Url { get; set; }

    public DateOnly? DateCreated { get; set; }

    /// <summary>The date the file was generated: the version of NLM's text shown.</summary>
    public DateOnly? SourceDate { get; set; }

    /// <summary>NLM's summary, already sanitized (the file carries it as escaped HTML).</summary>
    public string SummaryHtml { get; set; } = "";

    public List<string> AlsoCalled { get; set; } = [];

    /// <summary>Other words people search by ("Stomach Ache").</summary>
    public List<string> SeeReferences { get; set; } = [];

    /// <summary>Body-system groups ("Digestive System").</summary>
    public List<string> Groups { get; set; } = [];

    /// <summary>MeSH descriptor ids ("D015746").</summary>
    public List<string> MeshIds { get; set; } = [];

    /// <summary>MedlinePlus ids of related topics; those not imported are not linked.</summary>
    public List<int> RelatedTopicIds { get; set; } = [];

    /// <summary>The MedlinePlus id of the same topic in the other language.</summary>
    public int? OtherLanguageId { get; set; }

    public List<HealthTopicSite> Sites { get; set; } = [];
}

/// <summary>One curated link of a topic.</summary>
internal sealed class HealthTopicSite
{
    public required string Title { get; set; }

    public required string Url { get; set; }

    /// <summary>"Start Here", "Encyclopedia"...; includes NLM's <c>NON-DISPLAY (...)</c> ones, which pages skip.</summary>
    public List<string> Categories { get; set; } = [];

    public string? Organization { get; set; }

    /// <summary>NLM's <c>NON-DISPLAY (Patient Handout)</c> pseudo-categories are for its own use, not a reader's.</summary>
    public static bool IsShown(string category) => !category.StartsWith("NON-DISPLAY", StringComparison.OrdinalIgnoreCase);
}
