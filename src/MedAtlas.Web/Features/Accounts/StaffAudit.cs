using System.Security.Claims;
using MedAtlas.Web.Infrastructure.Data;

namespace MedAtlas.Web.Features.Accounts;

/// <summary>
/// The audit log /admin/people shows, for staff actions of other features (an editor linking a recall to a drug).
/// The entry is added to the request's unit of work: it commits in the caller's SaveChanges with the change it
/// records. The subject is a public record's name, never a person's; the actor is erased with their account.
/// </summary>
internal sealed class StaffAudit(MedAtlasDbContext db, TimeProvider time)
{
    public const int ActionMaxLength = 60;
    public const int SubjectMaxLength = 200;
    public const int DetailMaxLength = 500;

    /// <summary>A staff action on a public record, named by <paramref name="subject"/>.</summary>
    public void Record(ClaimsPrincipal actor, string action, string subject, string detail) =>
        Add(actor.AccountId(), actor.DisplayName(), action, null, subject, detail);

    /// <summary>Any entry: also what <see cref="StaffDirectory"/> writes for changes to an account (<paramref name="targetId"/>).</summary>
    public void Add(string? actorId, string actorName, string action, string? targetId, string targetName, string detail) =>
        db.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            ActorId = actorId,
            ActorName = actorName,
            Action = Cut(action, ActionMaxLength),
            TargetId = targetId,
            TargetName = Cut(targetName, SubjectMaxLength),
            Detail = Cut(detail, DetailMaxLength),
        });

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
