using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Moderation;

/// <summary>
/// Moderation's share of "download my data" and "delete my account": the person's reports, the cases about their
/// writing (with their appeal) and their warnings and suspensions. Erasing keeps what the community's safety needs
/// without the person: a report still counts, a case and the log keep what happened, the sanctions go.
/// </summary>
internal sealed class ModerationPersonalData(MedAtlasDbContext db, ModeratedContentTypes types) : IPersonalDataSource
{
    public const string DeletedModerator = "deleted account";

    public string Name => "moderation";

    public IReadOnlyList<Type> Entities { get; } = [typeof(ContentReport), typeof(ModerationCase), typeof(ModerationLogEntry), typeof(AuthorSanction)];

    public async Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken)
    {
        var reports = await (from r in db.Set<ContentReport>().AsNoTracking()
                             join c in db.Set<ModerationCase>() on r.CaseId equals c.Id
                             where r.ReporterId == accountId
                             orderby r.CreatedAt, r.Id
                             select new { r.Reason, r.Note, r.CreatedAt, r.Open, c.ContentType, c.ContentId }).ToListAsync(cancellationToken);
        var cases = await db.Set<ModerationCase>().AsNoTracking().Where(c => c.AuthorId == accountId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        var sanctions = await db.Set<AuthorSanction>().AsNoTracking().Where(s => s.AccountId == accountId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .Select(s => new { Kind = s.Kind.ToString(), s.Reason, s.CreatedAt, s.Until }).ToListAsync(cancellationToken);
        if (reports.Count == 0 && cases.Count == 0 && sanctions.Count == 0)
            return null;

        var reportRows = new List<object>(reports.Count);
        foreach (var r in reports)
        {
            reportRows.Add(new
            {
                Reason = ModerationWords.Reason(r.Reason), r.Note, r.CreatedAt, Open = r.Open,
                What = await WhatAsync(r.ContentType, r.ContentId, cancellationToken),
            });
        }

        var caseRows = new List<object>(cases.Count);
        foreach (var c in cases)
        {
            caseRows.Add(new
            {
                What = await WhatAsync(c.ContentType, c.ContentId, cancellationToken), State = c.State.ToString(), c.HeldReason, c.DecisionReason,
                c.AppealText, c.AppealedAt, c.CreatedAt, c.UpdatedAt,
            });
        }

        return new { Reports = reportRows, CasesAboutYourWriting = caseRows, WarningsAndSuspensions = sanctions };
    }

    public async Task EraseAsync(string accountId, CancellationToken cancellationToken)
    {
        await db.Set<ContentReport>().Where(r => r.ReporterId == accountId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ReporterId, (string?)null), cancellationToken);
        await db.Set<ModerationCase>().Where(c => c.AuthorId == accountId).ExecuteUpdateAsync(s => s.SetProperty(c => c.AuthorId, (string?)null), cancellationToken);
        await db.Set<ModerationLogEntry>().Where(e => e.ModeratorId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ModeratorId, (string?)null).SetProperty(e => e.ModeratorName, DeletedModerator), cancellationToken);
        await db.Set<ModerationLogEntry>().Where(e => e.AuthorId == accountId).ExecuteUpdateAsync(s => s.SetProperty(e => e.AuthorId, (string?)null), cancellationToken);
        await db.Set<AuthorSanction>().Where(s => s.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<string> WhatAsync(string type, long id, CancellationToken cancellationToken) =>
        await types.ItemAsync(type, id, cancellationToken) is { } item ? $"{types.Label(type)}: {item.Title}" : $"{types.Label(type)} {id} (no longer on the site)";
}
