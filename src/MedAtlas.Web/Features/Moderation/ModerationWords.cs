namespace MedAtlas.Web.Features.Moderation;

/// <summary>What moderation's states, reasons and actions are called on the pages and in mail.</summary>
internal static class ModerationWords
{
    /// <summary>The report reasons in the order the form lists them.</summary>
    public static readonly IReadOnlyList<ReportReason> Reasons = Enum.GetValues<ReportReason>();

    public static string Reason(ReportReason reason) => reason switch
    {
        ReportReason.Spam => "Spam or advertising",
        ReportReason.Abusive => "Abusive, hateful or harassing",
        ReportReason.Misinformation => "Dangerous or false health information",
        ReportReason.PersonalInformation => "Shares someone's personal information",
        ReportReason.OffTopic => "Off topic",
        ReportReason.Other => "Something else (please say what in the note)",
        _ => reason.ToString(),
    };

    /// <summary>The state as the author reads it.</summary>
    public static string State(ContentState state) => state switch
    {
        ContentState.Published => "Published",
        ContentState.Held => "Waiting for a moderator before it is published",
        ContentState.Hidden => "Hidden while a moderator looks at it",
        ContentState.Removed => "Removed by a moderator",
        _ => state.ToString(),
    };

    /// <summary>The state in one word, for the moderator's tables.</summary>
    public static string ShortState(ContentState state) => state switch
    {
        ContentState.Published => "Published",
        ContentState.Held => "Held",
        ContentState.Hidden => "Hidden",
        ContentState.Removed => "Removed",
        _ => state.ToString(),
    };

    public static string Queue(ModerationQueue queue) => queue switch
    {
        ModerationQueue.Reported => "Reported",
        ModerationQueue.Held => "Held",
        ModerationQueue.Appealed => "Appealed",
        _ => "None",
    };

    /// <summary>A log action in words ("hide" → "Hidden").</summary>
    public static string Action(string action) => action switch
    {
        ModerationActions.Hold => "Held for review",
        ModerationActions.Approve => "Approved",
        ModerationActions.AutoHide => "Hidden after reports",
        ModerationActions.Hide => "Hidden",
        ModerationActions.Restore => "Restored",
        ModerationActions.Remove => "Removed",
        ModerationActions.Dismiss => "Reports dismissed",
        ModerationActions.Warn => "Author warned",
        ModerationActions.Suspend => "Author suspended",
        ModerationActions.Appeal => "Appealed by the author",
        ModerationActions.DeclineAppeal => "Appeal declined",
        ModerationActions.Report => "Reported",
        _ => action,
    };
}
