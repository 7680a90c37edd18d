using System.Globalization;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Subscriptions;

/// <summary>
/// The recall mail to a public subscriber: for each recall, its class with FDA's definition, the product, the reason and
/// the lots in FDA's own words, why this person is told (every Class I, or a drug they follow, a name-only match
/// labelled as such), what to do, and the link to the recall's page; then the one-click unsubscribe link, also in
/// the <c>List-Unsubscribe</c> header.
/// </summary>
internal sealed class PublicAlertMails(MedAtlasDbContext db, ListUnsubscribe unsubscribe, PublicLinks links, DrugCatalog catalog)
{
    private const int LongestQuote = 600;

    private const string EnforcementReports = "https://www.fda.gov/safety/recalls-market-withdrawals-safety-alerts/enforcement-reports";

    /// <summary>The recalls in FDA's words, loaded once per run for every subscription's mail.</summary>
    public async Task<IReadOnlyDictionary<int, Recall>> DetailsAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Set<Recall>().AsNoTracking().Where(r => wanted.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
    }

    public async Task<OutboxMail> BuildAsync(
        Guid subscriptionId, string email, bool allClassI, IReadOnlySet<string> followed, IReadOnlyList<RecallCandidate> recalls,
        IReadOnlyDictionary<int, Recall> details, CancellationToken cancellationToken)
    {
        var slugs = recalls.SelectMany(r => r.Matches).Select(m => m.Slug).Where(followed.Contains).Distinct().ToList();
        var found = await catalog.NamesAsync(slugs, cancellationToken);
        string NameOf(string slug) => found.GetValueOrDefault(slug, slug);

        var paragraphs = new List<string>();
        foreach (var candidate in recalls)
        {
            var recall = details[candidate.Id];
            var reportedOn = recall.ReportDate is { } date ? $" FDA reported it on {date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}." : "";
            var mostSerious = candidate.ClassI ? " (the most serious class)" : "";
            paragraphs.Add($"{recall.Classification} recall {recall.RecallNumber}{mostSerious}: {AlertCatalog.ClassMeaning(recall.Classification)}.");
            paragraphs.Add($"Product (FDA's words): {Quote(recall.ProductDescription)}");
            paragraphs.Add($"Reason (FDA's words): {Quote(recall.ReasonForRecall)}");
            if (recall.CodeInfo.Length > 0)
                paragraphs.Add($"Lots and dates (FDA's words): {Quote(recall.CodeInfo)}");
            paragraphs.Add($"Recalled by {recall.RecallingFirm}; status: {recall.Status}.{reportedOn}");
            if (WhyYou(candidate, allClassI, followed, NameOf) is { Length: > 0 } why)
                paragraphs.Add(why);
            if (recalls.Count > 1)
                paragraphs.Add($"Read it on MedAtlas: {links.To(null, AlertWords.AlertPath(AlertKind.Recall, recall.Id, recall.RecallNumber))}");
        }

        paragraphs.Add("What to do: " + AlertWords.WhatToDo);
        paragraphs.Add($"Source: FDA's Enforcement Report (openFDA drug enforcement data), {EnforcementReports}");

        var first = details[recalls[0].Id];
        var subject = recalls.Count == 1
            ? $"FDA {first.Classification} recall: {Shorten(first.ProductDescription, 80)}"
            : $"{recalls.Count} new FDA drug recalls";
        var action = recalls.Count == 1 ? new MailAction("Read the recall on MedAtlas", links.To(null, AlertWords.AlertPath(AlertKind.Recall, first.Id, first.RecallNumber))) : null;
        var token = unsubscribe.Token(AlertLists.Public, subscriptionId.ToString("N"));
        var unsubscribeUrl = links.To(null, AlertLists.UnsubscribePath(token));
        var content = MailTemplate.Build(subject, "Hello,", paragraphs, action,
            $"You get this mail because this address subscribed to MedAtlas recall alerts: {PublicSubscriptions.Describe(allClassI, [.. followed.Select(NameOf)])}.",
            new MailAction("Unsubscribe from these emails", unsubscribeUrl));
        return new OutboxMail($"alert-public:{subscriptionId:N}:{recalls[0].Id}", "alert-public", email, "", null, content, unsubscribeUrl);
    }

    private static string WhyYou(RecallCandidate recall, bool allClassI, IReadOnlySet<string> followed, Func<string, string> nameOf)
    {
        var followedMatch = recall.Matches.Where(m => followed.Contains(m.Slug)).OrderBy(m => m.How == RecallMatchKind.Name).FirstOrDefault();
        if (followedMatch.Slug is null)
            return allClassI && recall.ClassI ? "You get this because you asked for every Class I recall." : "";
        var drug = nameOf(followedMatch.Slug);
        return followedMatch.How == RecallMatchKind.Name
            ? $"You follow {drug}. This recall was matched to it by name only, so it may be another product: check the name, strength and lot on your package."
            : $"You follow {drug}: the recall names a product of it.";
    }

    private static string Quote(string text) => Shorten(text.Trim(), LongestQuote);

    private static string Shorten(string text, int length)
    {
        var single = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return single.Length <= length ? single : single[..length].TrimEnd() + "…";
    }
}
