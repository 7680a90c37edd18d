using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts.Subscriptions;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts.Notifications;

/// <summary>What a batch of alert mail needs, loaded once: who wants mail (and where), and the alerts in FDA's words.</summary>
internal sealed record AlertLetters(
    IReadOnlyDictionary<string, (string Email, string Name)> Recipients,
    IReadOnlyDictionary<int, Recall> Recalls,
    IReadOnlyDictionary<int, SafetyNotice> Notices);

/// <summary>
/// The alert mail: which profile and medicine, how sure the match is, FDA's reason in FDA's words, what to do (never
/// "stop taking" without "talk to your doctor or pharmacist"), links to the alert and the inbox, and a footer with
/// why it came and the unsubscribe link, which the outbox also sends as the RFC 8058 headers.
/// </summary>
internal sealed class AlertMail(MedAtlasDbContext db, Outbox outbox, ListUnsubscribe unsubscribe, PublicLinks links)
{
    public const string Kind = "alert";
    private const int Chunk = 500;

    public async Task<AlertLetters> PrepareAsync(IReadOnlyCollection<Told> batch, CancellationToken cancellationToken)
    {
        var recipients = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var chunk in batch.Select(t => t.AccountId).Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var wanted = await (from s in db.Set<AlertSettings>()
                                join a in db.Set<Account>() on s.AccountId equals a.Id
                                where chunk.Contains(s.AccountId) && s.EmailAlerts && a.EmailConfirmed && a.Email != null
                                select new { a.Id, a.Email, a.DisplayName }).AsNoTracking().ToListAsync(cancellationToken);
            foreach (var a in wanted)
                recipients[a.Id] = (a.Email!, a.DisplayName);
        }

        var recallIds = batch.Where(t => t.Kind == AlertKind.Recall && recipients.ContainsKey(t.AccountId)).Select(t => t.AlertId).Distinct().ToList();
        var noticeIds = batch.Where(t => t.Kind == AlertKind.Notice && recipients.ContainsKey(t.AccountId)).Select(t => t.AlertId).Distinct().ToList();
        var recalls = recallIds.Count == 0 ? [] : await db.Set<Recall>().AsNoTracking().Where(r => recallIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var notices = noticeIds.Count == 0 ? [] : await db.Set<SafetyNotice>().AsNoTracking().Where(n => noticeIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        return new AlertLetters(recipients, recalls, notices);
    }

    /// <summary>Queues the mail for <paramref name="told"/> into <paramref name="unitOfWork"/> when the person wants alert mail; answers whether it did.</summary>
    public async Task<bool> QueueAsync(MedAtlasDbContext unitOfWork, Told told, AlertLetters letters, CancellationToken cancellationToken)
    {
        if (!letters.Recipients.TryGetValue(told.AccountId, out var to))
            return false;
        // One token for the footer and the header: tokens are encrypted, so two calls give two different strings.
        var unsubscribeUrl = links.To(null, AlertLists.UnsubscribePath(unsubscribe.Token(AlertLists.Account, told.AccountId)));
        var content = told.Kind == AlertKind.Recall
            ? letters.Recalls.TryGetValue(told.AlertId, out var recall) ? ForRecall(told, recall, to.Name, unsubscribeUrl) : null
            : letters.Notices.TryGetValue(told.AlertId, out var notice) ? ForNotice(told, notice, to.Name, unsubscribeUrl) : null;
        if (content is null)
            return false;
        var key = $"alert:{told.Kind.ToString().ToLowerInvariant()}:{told.AlertId}:{told.AccountId}";
        return await outbox.AddAsync(unitOfWork, new OutboxMail(key, Kind, to.Email, to.Name, told.AccountId, content, unsubscribeUrl), cancellationToken);
    }

    private MailContent ForRecall(Told t, Recall recall, string name, string unsubscribeUrl)
    {
        var m = t.Medicine;
        var subject = t.Strength switch
        {
            AlertStrength.Lot => $"Recall: your lot of {m.Name} ({m.ProfileName}) is recalled",
            AlertStrength.Ndc => $"Recall: {m.Name} ({m.ProfileName}), check the lot on your package",
            _ => $"Recall that may affect {m.Name} ({m.ProfileName})",
        };
        var paragraphs = new List<string>
        {
            $"{AlertWords.Strength(t.Kind, t.Strength)}. {AlertWords.Explain(t.Kind, t.Strength, m.Name, m.ProfileName, m.Lot)}",
            $"The recall ({recall.RecallNumber}, {recall.Classification}, by {recall.RecallingFirm}) is for: {AlertCatalog.Shorten(recall.ProductDescription, 400)}",
            $"FDA's reason for the recall: “{AlertCatalog.Shorten(recall.ReasonForRecall, 600)}”",
            AlertWords.WhatToDo,
        };
        return Build(subject, name, t, paragraphs, AlertWords.AlertPath(AlertKind.Recall, recall.Id, recall.RecallNumber), "Read the recall", unsubscribeUrl);
    }

    private MailContent ForNotice(Told t, SafetyNotice notice, string name, string unsubscribeUrl)
    {
        var m = t.Medicine;
        var paragraphs = new List<string>
        {
            $"{AlertWords.Strength(t.Kind, t.Strength)}. {AlertWords.Explain(t.Kind, t.Strength, m.Name, m.ProfileName, m.Lot)}",
            $"FDA's notice: “{AlertCatalog.Shorten(notice.Title, 300)}”. {AlertCatalog.Shorten(notice.Summary, 600)}",
            $"FDA's page: {notice.Link}",
            AlertWords.WhatToDo,
        };
        return Build($"FDA alert that may affect {m.Name} ({m.ProfileName})", name, t, paragraphs, AlertWords.AlertPath(AlertKind.Notice, notice.Id, null), "Read the alert", unsubscribeUrl);
    }

    private MailContent Build(string subject, string name, Told t, List<string> paragraphs, string alertPath, string label, string unsubscribeUrl)
    {
        if (t.MatchedMedicines > 1)
            paragraphs.Add($"{t.MatchedMedicines} medicines on the profiles you look after match this alert; this mail and your inbox name the closest match.");
        paragraphs.Add($"All your alerts: {links.To(null, "/my/alerts")}");
        var footer = $"You get this mail because you turned on safety alerts for your family's medicines on your account page, and {t.Medicine.ProfileName} " +
            $"is a profile you own or manage. To stop these emails, unsubscribe: {unsubscribeUrl}";
        return MailTemplate.Build(subject, $"Hello {name},", paragraphs, new MailAction(label, links.To(null, alertPath)), footer);
    }
}
