namespace MedAtlas.Web.Features.Alerts.Notifications;

/// <summary>Names of the alert jobs, so a source that stored new records can wake the ones that tell people.</summary>
internal static class AlertJobs
{
    /// <summary>Tells account holders about alerts that match their active medicines (inbox + mail).</summary>
    public const string Notify = "alert-notifications";

    /// <summary>Mails public subscribers about new recalls they chose.</summary>
    public const string PublicMail = "alert-public-mail";
}
