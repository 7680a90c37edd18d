using System.Security.Claims;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.MyMedicine;

internal sealed record CaregiverView(long Id, string Name, string? Email, CaregiverAccess Access, DateTime GrantedAt, DateTime? LastViewedAt);

internal sealed record InvitationView(Guid Id, string Email, CaregiverAccess Access, DateTime CreatedAt, DateTime ExpiresAt);

/// <summary>What an invitation link shows before it is accepted.</summary>
internal sealed record InvitationOffer(CaregiverInvitation Invitation, string ProfileName, string InvitedBy);

/// <summary>
/// Inviting someone to view or manage a profile, accepting, revoking. The invitation mail carries a random token
/// (only its hash is kept); the first account to accept holds it. Mails go through the outbox with the change.
/// </summary>
internal sealed class Caregivers(MedAtlasDbContext db, UserManager<Account> users, Outbox outbox, PublicLinks links, TimeProvider time)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(14);
    public const int MaxPerProfile = 10;

    /// <summary>Invitations one account may send in a day: an invitation mails an address the sender typed, so it must not become a way to send mail.</summary>
    public const int MaxPerDay = 20;

    public async Task<List<FieldProblem>> InviteAsync(
        ProfileGrant grant, string? email, CaregiverAccess access, ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!grant.IsOwner)
            throw new InvalidOperationException("Only the owner invites caregivers.");
        var address = AccountInput.NormalizeEmail(email);
        if (AccountInput.CheckEmail(address) is { } problem)
            return [new("Email", problem)];
        var normalized = users.NormalizeEmail(address);
        var owner = await users.FindByIdAsync(grant.AccountId);
        if (owner?.NormalizedEmail == normalized)
            return [new("Email", "That is your own email address: you already have this profile. Invite someone else.")];

        var now = time.GetUtcNow().UtcDateTime;
        var profileId = grant.Profile.Id;
        var invitee = await users.FindByEmailAsync(address);
        if (invitee is not null && await db.Set<ProfileCaregiver>().AnyAsync(c => c.ProfileId == profileId && c.AccountId == invitee.Id, cancellationToken))
            return [new("Email", $"{address} already has access to {grant.Profile.Name}'s profile. To change what they may do, revoke it and invite again.")];
        var pending = db.Set<CaregiverInvitation>().Where(i => i.ProfileId == profileId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now);
        if (await pending.AnyAsync(i => i.NormalizedEmail == normalized, cancellationToken))
            return [new("Email", $"{address} has already been invited and has not answered yet. Cancel that invitation to send a new one.")];
        var count = await pending.CountAsync(cancellationToken) + await db.Set<ProfileCaregiver>().CountAsync(c => c.ProfileId == profileId, cancellationToken);
        if (count >= MaxPerProfile)
            return [new("Email", $"A profile can be shared with at most {MaxPerProfile} people (invitations included).")];
        var dayAgo = now.AddDays(-1);
        if (await db.Set<CaregiverInvitation>().CountAsync(i => i.InvitedByAccountId == grant.AccountId && i.CreatedAt > dayAgo, cancellationToken) >= MaxPerDay)
            return [new("Email", $"You have sent {MaxPerDay} invitations in the last 24 hours, the most MedAtlas sends for one account in a day. Try again tomorrow.")];

        var token = SecretTokens.New();
        var invitation = new CaregiverInvitation
        {
            Id = Guid.NewGuid(),
            ProfileId = profileId,
            Email = address,
            NormalizedEmail = normalized,
            Access = access,
            TokenHash = SecretTokens.Hash(token),
            InvitedByAccountId = grant.AccountId,
            CreatedAt = now,
            ExpiresAt = now + InvitationLifetime,
        };
        db.Set<CaregiverInvitation>().Add(invitation);
        var from = user.DisplayName();
        var what = access == CaregiverAccess.Manage ? "see and help manage" : "see";
        var content = MailTemplate.Build(
            $"{from} shared a medicine list with you on MedAtlas", "Hello,",
            [$"{from} invited you to {what} the medicine list “{grant.Profile.Name}” on MedAtlas.",
                "To accept, open the link below and sign in, or create a free account with any email address."],
            new MailAction("See the invitation", links.To(request, $"/my/invitations/{token}")),
            $"The link works for {InvitationLifetime.Days} days. If you do not know {from}, ignore this mail: nothing is shared until you accept.");
        await outbox.AddAsync(db, new OutboxMail($"caregiver-invite:{invitation.Id}", "caregiver-invite", address, "", null, content), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public async Task<InvitationOffer?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
            return null;
        var hash = SecretTokens.Hash(token);
        var found = await db.Set<CaregiverInvitation>()
            .Where(i => i.TokenHash == hash)
            .Join(db.Set<Profile>(), i => i.ProfileId, p => p.Id, (i, p) => new { Invitation = i, Profile = p.Name, Owner = p.AccountId })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;
        var owner = await users.FindByIdAsync(found.Owner);
        return new InvitationOffer(found.Invitation, found.Profile, owner?.DisplayName ?? "Someone");
    }

    /// <summary>Accepts for the signed-in account; returns the profile id, or the reason it cannot be accepted.</summary>
    public async Task<(Guid? ProfileId, string? Problem)> AcceptAsync(string? token, ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken)
    {
        var accountId = user.AccountId() ?? throw new InvalidOperationException("Accepting needs a signed-in account.");
        var offer = await FindAsync(token, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (offer is null || offer.Invitation.RevokedAt is not null)
            return (null, "This invitation link is not valid any more. Ask the person who sent it for a new one.");
        var invitation = offer.Invitation;
        if (invitation.AcceptedByAccountId is { } holder)
            return holder == accountId ? (invitation.ProfileId, null) : (null, "This invitation has already been accepted by another account. Ask the person who sent it to invite you again.");
        if (invitation.ExpiresAt <= now)
            return (null, "This invitation has expired. Ask the person who sent it for a new one.");
        var ownerId = await db.Set<Profile>().Where(p => p.Id == invitation.ProfileId).Select(p => p.AccountId).FirstAsync(cancellationToken);
        if (ownerId == accountId)
            return (null, "This is your own profile: you already have it. The invitation is for someone else.");

        invitation.AcceptedByAccountId = accountId;
        invitation.AcceptedAt = now;
        var existing = await db.Set<ProfileCaregiver>().FirstOrDefaultAsync(c => c.ProfileId == invitation.ProfileId && c.AccountId == accountId, cancellationToken);
        if (existing is null)
            db.Set<ProfileCaregiver>().Add(new ProfileCaregiver { ProfileId = invitation.ProfileId, AccountId = accountId, Access = invitation.Access, GrantedAt = now });
        else
            existing.Access = invitation.Access;

        var owner = await users.FindByIdAsync(ownerId);
        if (owner?.Email is { } ownerEmail)
        {
            var content = MailTemplate.Build(
                $"{user.DisplayName()} accepted your invitation", $"Hello {owner.DisplayName},",
                [$"{user.DisplayName()} accepted your invitation to {(invitation.Access == CaregiverAccess.Manage ? "help manage" : "see")} “{offer.ProfileName}” on MedAtlas."],
                new MailAction("See who has access", links.To(request, $"/my/profiles/{invitation.ProfileId}/caregivers")),
                "You can revoke their access at any time on that page.");
            await outbox.AddAsync(db, new OutboxMail($"caregiver-accepted:{invitation.Id}", "caregiver-accepted", ownerEmail, owner.DisplayName, owner.Id, content), cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two tabs accepting at once: the unique (profile, account) index keeps one caregiver row.
            return (invitation.ProfileId, null);
        }

        return (invitation.ProfileId, null);
    }

    public async Task<(List<CaregiverView> Caregivers, List<InvitationView> Pending, List<ProfileAccessEntry> Log)> ListAsync(ProfileGrant grant, CancellationToken cancellationToken)
    {
        var profileId = grant.Profile.Id;
        var now = time.GetUtcNow().UtcDateTime;
        var caregivers = await db.Set<ProfileCaregiver>().AsNoTracking().Where(c => c.ProfileId == profileId)
            .Join(db.Set<Account>(), c => c.AccountId, a => a.Id, (c, a) => new CaregiverView(c.Id, a.DisplayName, a.Email, c.Access, c.GrantedAt, c.LastViewedAt))
            .ToListAsync(cancellationToken);
        var pending = await db.Set<CaregiverInvitation>().AsNoTracking()
            .Where(i => i.ProfileId == profileId && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt)
            .Select(i => new InvitationView(i.Id, i.Email, i.Access, i.CreatedAt, i.ExpiresAt))
            .ToListAsync(cancellationToken);
        var log = await db.Set<ProfileAccessEntry>().AsNoTracking().Where(e => e.ProfileId == profileId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(200).ToListAsync(cancellationToken);
        return ([.. caregivers.OrderBy(c => c.Name)], pending, log);
    }

    public async Task<bool> RevokeAsync(ProfileGrant grant, long caregiverId, CancellationToken cancellationToken)
    {
        var caregiver = await db.Set<ProfileCaregiver>().FirstOrDefaultAsync(c => c.Id == caregiverId && c.ProfileId == grant.Profile.Id, cancellationToken);
        if (!grant.IsOwner || caregiver is null)
            return false;
        db.Set<ProfileCaregiver>().Remove(caregiver);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<bool> CancelInvitationAsync(ProfileGrant grant, Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.Set<CaregiverInvitation>().FirstOrDefaultAsync(i => i.Id == invitationId && i.ProfileId == grant.Profile.Id && i.AcceptedAt == null && i.RevokedAt == null, cancellationToken);
        if (!grant.IsOwner || invitation is null)
            return false;
        invitation.RevokedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>A caregiver stops helping with a profile (their own access only).</summary>
    public async Task<bool> LeaveAsync(ProfileGrant grant, CancellationToken cancellationToken)
    {
        if (grant.IsOwner)
            return false;
        var removed = await db.Set<ProfileCaregiver>().Where(c => c.ProfileId == grant.Profile.Id && c.AccountId == grant.AccountId).ExecuteDeleteAsync(cancellationToken);
        return removed > 0;
    }
}
