namespace MedAtlas.Web.Features.Alerts.Notifications;

/// <summary>How the inbox and the mail say how surely an alert concerns a medicine: the same words in both.</summary>
internal static class AlertWords
{
    public static string Strength(AlertKind kind, AlertStrength strength) => (kind, strength) switch
    {
        (_, AlertStrength.Lot) => "Your lot is recalled",
        (_, AlertStrength.Ndc) => "A recall covers this product: check the lot on your package",
        (AlertKind.Recall, _) => "Weak match, by name only: this may affect your medicine; check the lot on your bottle",
        _ => "Weak match, by name only: this may affect your medicine",
    };

    /// <summary>The longer sentence of the mail: what matched, in words a person can check on the package.</summary>
    public static string Explain(AlertKind kind, AlertStrength strength, string medicine, string profile, string? lot) => (kind, strength) switch
    {
        (_, AlertStrength.Lot) =>
            $"The lot number saved on {medicine} in {profile}'s list ({lot}) is one of the lots this recall names: your lot is recalled.",
        (_, AlertStrength.Ndc) =>
            $"The NDC saved on {medicine} in {profile}'s list is a product this recall covers. A recall covers this product: check the lot on your package against the lots the recall names.",
        (AlertKind.Recall, _) =>
            $"This recall names the same medicine as {medicine} in {profile}'s list, by name only: a weak match. It may affect your medicine: check the lot on your bottle against the lots the recall names.",
        _ =>
            $"This FDA notice names the same medicine as {medicine} in {profile}'s list, by name only: a weak match. It may affect your medicine.",
    };

    public const string WhatToDo =
        "Check the lot number on your package against the recall. Do not stop taking a medicine without talking to your doctor or pharmacist: " +
        "stopping suddenly can be more harmful than the problem in the alert. If your medicine is recalled, the pharmacy can tell you how to return it and get a replacement.";

    /// <summary>The alert page on this site: /alerts/{recall-number} or /alerts/notices/{id}.</summary>
    public static string AlertPath(AlertKind kind, int id, string? recallNumber) =>
        kind == AlertKind.Recall ? AlertCatalog.RecallPath(recallNumber ?? "") : AlertCatalog.NoticePath(id);
}
