namespace MedAtlas.Web.Features.Alerts.Subscriptions;

/// <summary>The alert mail lists and the one unsubscribe address every alert mail carries (in its footer and its <c>List-Unsubscribe</c> header).</summary>
internal static class AlertLists
{
    /// <summary>Alerts about an account's own medicines; the token's subject is the account id.</summary>
    public const string Account = "alerts";

    /// <summary>A public (account-less) subscription; the token's subject is the subscription id ("N" format).</summary>
    public const string Public = "alerts-public";

    /// <summary>GET shows a confirmation page; a bare POST (RFC 8058 one-click) unsubscribes.</summary>
    public static string UnsubscribePath(string token) => "/alerts/unsubscribe/" + Uri.EscapeDataString(token);
}
