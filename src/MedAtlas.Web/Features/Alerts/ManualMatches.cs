using System.Security.Claims;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Alerts;

/// <summary>A catalogue drug a typed name stands for, or why there is none (with a guess to offer).</summary>
internal sealed record DrugChoice(string? Slug, string? Name, string? Problem, string? DidYouMean = null)
{
    public bool Found => Slug is not null;
}

/// <summary>What linking came to: the drug it was linked to, or the message for the field.</summary>
internal sealed record LinkResult(bool NotFound, string? DrugSlug, string? Problem)
{
    public bool Succeeded => !NotFound && Problem is null;
}

/// <summary>
/// Editors' links between a recall or notice and a catalogue drug (/admin/alerts/unmatched): added as
/// <see cref="RecallMatchKind.Manual"/>, high confidence, kept by later imports, written to the staff audit log in
/// the same SaveChanges, and the notifier woken so people who take the drug hear of it.
/// </summary>
internal sealed class ManualMatches(MedAtlasDbContext db, DrugCatalog catalog, DrugSearchIndex names, StaffAudit audit, JobTriggers jobs)
{
    public const int NameMaxLength = 200;

    public const string Linked = "alert linked to drug";
    public const string Unlinked = "alert link removed";

    /// <summary>The catalogue drug <paramref name="text"/> names: a slug, a generic or a brand name typed in full.</summary>
    public async Task<DrugChoice> ResolveAsync(string? text, CancellationToken cancellationToken)
    {
        var typed = (text ?? "").Trim();
        if (typed.Length == 0)
            return new DrugChoice(null, null, "Enter the name of a medicine in the catalogue, for example atorvastatin or Lipitor.");
        if (typed.Length > NameMaxLength)
            return new DrugChoice(null, null, $"A medicine's name is at most {NameMaxLength} characters.");

        var resolved = await catalog.ResolveAsync(typed, cancellationToken);
        if (resolved.Drug is { } drug)
            return new DrugChoice(drug.Slug, drug.Name, null);
        if (resolved.RedirectToSlug is { } brandOf)
            return new DrugChoice(brandOf, (await catalog.NamesAsync([brandOf], cancellationToken)).GetValueOrDefault(brandOf, brandOf), null);
        if (resolved.BrandOwners.Count > 1)
            return new DrugChoice(null, null, $"“{typed}” is a name of several medicines: {string.Join(", ", resolved.BrandOwners.Select(o => o.Name))}. Enter one of them.");

        var matches = await names.SearchAsync(typed, 5, cancellationToken);
        var exact = matches.FirstOrDefault(m => m.Target.Type == SearchTargetType.Drug && m.Quality == MatchQuality.Exact);
        if (exact is not null)
            return new DrugChoice(exact.Target.Slug, exact.Target.Name, null);
        var guess = matches.FirstOrDefault(m => m.Target.Type == SearchTargetType.Drug);
        return new DrugChoice(null, null, $"No medicine in the catalogue is called “{typed}”." + (guess is null ? "" : $" Did you mean {guess.Target.Name}?"), guess?.Target.Name);
    }

    public async Task<LinkResult> LinkAsync(AlertKind kind, int id, string? drugName, ClaimsPrincipal editor, CancellationToken cancellationToken)
    {
        var subject = await SubjectAsync(kind, id, cancellationToken);
        if (subject is null)
            return new LinkResult(true, null, null);
        var drug = await ResolveAsync(drugName, cancellationToken);
        if (!drug.Found)
            return new LinkResult(false, null, drug.Problem);

        var already = kind == AlertKind.Recall
            ? await db.Set<RecallMatch>().AnyAsync(m => m.RecallId == id && m.DrugSlug == drug.Slug, cancellationToken)
            : await db.Set<SafetyNoticeMatch>().AnyAsync(m => m.NoticeId == id && m.DrugSlug == drug.Slug, cancellationToken);
        if (already)
            return new LinkResult(false, null, $"{subject} is already linked to {drug.Name}.");

        if (kind == AlertKind.Recall)
            db.Add(new RecallMatch { RecallId = id, DrugSlug = drug.Slug!, How = RecallMatchKind.Manual, Confidence = RecallMatch.High });
        else
            db.Add(new SafetyNoticeMatch { NoticeId = id, DrugSlug = drug.Slug!, How = RecallMatchKind.Manual, Confidence = RecallMatch.High });
        audit.Record(editor, Linked, subject, $"linked to {drug.Name} ({drug.Slug})");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another editor linked the same drug a moment ago: the unique index kept one link.
            db.ChangeTracker.Clear();
            return new LinkResult(false, null, $"{subject} is already linked to {drug.Name}.");
        }

        jobs.Wake(AlertJobs.Notify);
        return new LinkResult(false, drug.Slug, null);
    }

    /// <summary>Removes an editor's link (never one the data found); false when there is no such link.</summary>
    public async Task<bool> UnlinkAsync(AlertKind kind, int id, string? slug, ClaimsPrincipal editor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(slug) || slug.Length > NameMaxLength)
            return false;
        var subject = await SubjectAsync(kind, id, cancellationToken);
        if (subject is null)
            return false;
        object? match = kind == AlertKind.Recall
            ? await db.Set<RecallMatch>().FirstOrDefaultAsync(m => m.RecallId == id && m.DrugSlug == slug && m.How == RecallMatchKind.Manual, cancellationToken)
            : await db.Set<SafetyNoticeMatch>().FirstOrDefaultAsync(m => m.NoticeId == id && m.DrugSlug == slug && m.How == RecallMatchKind.Manual, cancellationToken);
        if (match is null)
            return false;
        db.Remove(match);
        audit.Record(editor, Unlinked, subject, $"link to {slug} removed");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>How the audit log names the record: "recall D-0106-2024", "notice 12"; null when it does not exist.</summary>
    private async Task<string?> SubjectAsync(AlertKind kind, int id, CancellationToken cancellationToken) =>
        kind == AlertKind.Recall
            ? await db.Set<Recall>().Where(r => r.Id == id).Select(r => "recall " + r.RecallNumber).FirstOrDefaultAsync(cancellationToken)
            : await db.Set<SafetyNotice>().AnyAsync(n => n.Id == id, cancellationToken) ? "notice " + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
