using System.Security.Claims;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>What the signed-in person may do with a profile, weakest first so "at least" reads naturally.</summary>
internal enum ProfileRole
{
    Viewer,
    Manager,
    Owner,
}

/// <summary>A profile the signed-in person may see, and as what.</summary>
internal sealed record ProfileGrant(Profile Profile, ProfileRole Role, string AccountId)
{
    public bool CanManage => Role >= ProfileRole.Manager;

    public bool IsOwner => Role == ProfileRole.Owner;
}

/// <summary>
/// The one way to load a profile: by its id and the signed-in account, as owner or invited caregiver. Anyone else
/// (and a caregiver asking for more than they were given) gets null, the same as for a profile that does not
/// exist, and the page or endpoint answers 404. Views and changes by a caregiver go into the profile's access log.
/// </summary>
internal sealed class ProfileAccess(MedAtlasDbContext db, TimeProvider time)
{
    /// <summary>
    /// The profile with its conditions and allergies (not its medicines: <see cref="MedicinesAsync"/>), when the person
    /// holds at least <paramref name="needed"/>. Tracked, so a caller with <see cref="ProfileRole.Manager"/> can change it and save.
    /// A page that shows neither (the planner, the saved bolus settings) passes <paramref name="withConditionsAndAllergies"/>
    /// false: one statement instead of four, and the two lists stay empty.
    /// </summary>
    public async Task<ProfileGrant?> FindAsync(ClaimsPrincipal user, Guid profileId, ProfileRole needed, CancellationToken cancellationToken,
        bool withConditionsAndAllergies = true)
    {
        var accountId = user.AccountId();
        if (accountId is null)
            return null;

        // The caregiver row is included only for this account: it says the role, and shows nothing about other caregivers.
        var profile = withConditionsAndAllergies
            ? await db.Set<Profile>()
                .Where(p => p.Id == profileId && (p.AccountId == accountId || p.Caregivers.Any(c => c.AccountId == accountId)))
                .Include(p => p.Caregivers.Where(c => c.AccountId == accountId))
                .Include(p => p.Conditions.OrderBy(c => c.Name)).Include(p => p.Allergies.OrderBy(a => a.Name))
                .AsSplitQuery().FirstOrDefaultAsync(cancellationToken)
            : await FindBare(db, profileId, accountId, cancellationToken);
        if (profile is null)
            return null;

        var role = RoleOf(profile, accountId);
        return role >= needed ? new ProfileGrant(profile, role, accountId) : null;
    }

    // Compiled once: the planner's pages load the profile on every request (docs/benchmarks.md, "Issue 16").
    private static readonly Func<MedAtlasDbContext, Guid, string, CancellationToken, Task<Profile?>> FindBare =
        EF.CompileAsyncQuery((MedAtlasDbContext db, Guid profileId, string accountId, CancellationToken _) => db.Set<Profile>()
            .Where(p => p.Id == profileId && (p.AccountId == accountId || p.Caregivers.Any(c => c.AccountId == accountId)))
            .Include(p => p.Caregivers.Where(c => c.AccountId == accountId))
            .AsSingleQuery()
            .FirstOrDefault());

    /// <summary>The profile's medicines, active first, then paused, then stopped; each group by name.</summary>
    public async Task<List<SavedMedicine>> MedicinesAsync(ProfileGrant grant, CancellationToken cancellationToken) =>
        [.. (await db.Set<SavedMedicine>().Where(m => m.ProfileId == grant.Profile.Id).ToListAsync(cancellationToken))
            .OrderBy(m => m.Status).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>One medicine of a profile the person may see, or null (also when it belongs to another profile).</summary>
    public Task<SavedMedicine?> MedicineAsync(ProfileGrant grant, Guid medicineId, CancellationToken cancellationToken) =>
        db.Set<SavedMedicine>().FirstOrDefaultAsync(m => m.Id == medicineId && m.ProfileId == grant.Profile.Id, cancellationToken);

    /// <summary>Every profile the person owns or helps with, owned first; with their allergies and conditions when <paramref name="withDetails"/> (what a safety check needs).</summary>
    public async Task<List<(Profile Profile, ProfileRole Role)>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken, bool withDetails = false)
    {
        var accountId = user.AccountId();
        if (accountId is null)
            return [];
        // As in FindAsync: the caregiver row is included for this account only, and says the role.
        IQueryable<Profile> visible = db.Set<Profile>().AsNoTracking()
            .Where(p => p.AccountId == accountId || p.Caregivers.Any(c => c.AccountId == accountId))
            .Include(p => p.Caregivers.Where(c => c.AccountId == accountId));
        if (withDetails)
            visible = visible.Include(p => p.Allergies).Include(p => p.Conditions);
        var profiles = await visible.AsSplitQuery().ToListAsync(cancellationToken);
        return [.. profiles
            .Select(p => (Profile: p, Role: RoleOf(p, accountId)))
            .OrderByDescending(r => r.Role == ProfileRole.Owner).ThenBy(r => r.Profile.Relationship != Relationship.Self).ThenBy(r => r.Profile.CreatedAt)];
    }

    /// <summary>The role of <paramref name="accountId"/>, for a profile loaded with that account's caregiver row only.</summary>
    private static ProfileRole RoleOf(Profile profile, string accountId) =>
        profile.AccountId == accountId ? ProfileRole.Owner
        : profile.Caregivers.Any(c => c.Access == CaregiverAccess.Manage) ? ProfileRole.Manager
        : ProfileRole.Viewer;

    /// <summary>
    /// Notes that a caregiver looked at or changed the profile (the owner's own use is not logged). Added to the
    /// context's pending changes: a view saves at once, a change with the change's own SaveChanges.
    /// </summary>
    public async Task RecordAsync(ProfileGrant grant, ClaimsPrincipal user, string action, string detail, bool save, CancellationToken cancellationToken)
    {
        if (grant.IsOwner)
            return;
        var now = time.GetUtcNow().UtcDateTime;
        db.Set<ProfileAccessEntry>().Add(new ProfileAccessEntry
        {
            ProfileId = grant.Profile.Id,
            AccountId = grant.AccountId,
            AccountName = user.DisplayName(),
            At = now,
            Action = action,
            Detail = detail.Length > 300 ? detail[..300] : detail,
        });
        var caregiver = await db.Set<ProfileCaregiver>().FirstOrDefaultAsync(c => c.ProfileId == grant.Profile.Id && c.AccountId == grant.AccountId, cancellationToken);
        if (caregiver is not null)
            caregiver.LastViewedAt = now;
        if (save)
            await db.SaveChangesAsync(cancellationToken);
    }
}
