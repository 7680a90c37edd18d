namespace MedAtlas.Web.Features.Alerts;

/// <summary>What an alert is about: an openFDA recall (<see cref="Recall"/>) or an RSS item (<see cref="SafetyNotice"/>).</summary>
internal enum AlertKind
{
    Recall,
    Notice,
}
