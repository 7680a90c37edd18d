namespace MedAtlas.Web.Features.Drugs;

/// <summary>One recall or safety communication about a drug, as its page lists it.</summary>
/// <param name="Date">FDA's report date (a recall) or publication date (a notice).</param>
/// <param name="Kind">"Recall", "FDA safety alert", ...: what the item is, in words.</param>
/// <param name="Classification">"Class I" ... for a recall; null for a notice.</param>
/// <param name="Status">"Ongoing", "Completed" or "Terminated" for a recall; null for a notice.</param>
/// <param name="HowSure">How the item was matched to this drug, in words ("by NDC", "by name only: check the lot on your bottle").</param>
internal sealed record DrugAlertLine(DateOnly? Date, string Kind, string Title, string Path, string? Classification, string? Status, string HowSure);

/// <summary>The newest alerts of a drug and how many there are in all.</summary>
internal sealed record DrugAlertList(IReadOnlyList<DrugAlertLine> Newest, int Total, string AllPath)
{
    public static readonly DrugAlertList None = new([], 0, "/alerts");
}

/// <summary>
/// What the drug page shows under "Recalls and safety communications". Drugs does not read the alerts' tables: the
/// alerts feature implements this and registers it; without an implementation the page shows no such section.
/// </summary>
internal interface IDrugAlerts
{
    Task<DrugAlertList> ForDrugAsync(string slug, int newest, CancellationToken cancellationToken);
}
