using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;

namespace MedAtlas.Web.Features.Moderation;

/// <summary>
/// The mail moderation sends an author: a warning or a suspension, with what happened, the moderator's reason and
/// where to see it. Queued in the outbox on the caller's context, so it commits with the sanction; one per sanction.
/// </summary>
internal sealed class ModerationMails(MedAtlasDbContext db, Outbox outbox, Authors authors, PublicLinks links)
{
    public const string Kind = "moderation-sanction";

    /// <summary>Queues the mail about <paramref name="sanction"/> (saved, with its id); false when the author has no confirmed address.</summary>
    public async Task<bool> SanctionAsync(AuthorSanction sanction, ModeratedItem item, CancellationToken cancellationToken)
    {
        if (await authors.MailAddressAsync(sanction.AccountId, cancellationToken) is not { } to)
            return false;
        var suspended = sanction.Kind == SanctionKind.Suspension;
        var subject = suspended ? "Your MedAtlas account is suspended from writing" : "A warning from the MedAtlas moderators";
        var what = suspended
            ? $"A moderator has suspended your account from writing and reporting until {sanction.Until:MMMM d, yyyy HH:mm} UTC, because of “{item.Title}”. You can still read the site and use My Medicine."
            : $"A moderator has sent you a warning about “{item.Title}”. Your account works as before, but further problems may lead to a suspension.";
        var content = MailTemplate.Build(subject, $"Hello {to.DisplayName},",
            [what, $"The moderator's reason: {sanction.Reason}", "You can see this, and the state of everything you have written, on your account's moderation page."],
            new MailAction("See it on your account", links.To(null, AuthorModeration.PagePath)),
            "You get this mail because a moderator acted on your MedAtlas account. Moderators follow the site's rules for reviews and posts.");
        var key = $"moderation-sanction:{sanction.Id}";
        return await outbox.AddAsync(db, new OutboxMail(key, Kind, to.Email, to.DisplayName, sanction.AccountId, content), cancellationToken);
    }
}
