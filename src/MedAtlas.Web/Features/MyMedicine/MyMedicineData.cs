using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>
/// My Medicine's share of "download my data" and "delete my account": every profile the account owns, with all
/// that hangs from it; the profiles it helps with; its invitations. Erasing deletes the owned profiles (their
/// medicines, history, caregivers, invitations and access log go by cascade) and the caregiver rows, and takes the
/// person's name off what they did in other people's profiles.
/// </summary>
internal sealed class MyMedicineData(MedAtlasDbContext db) : IPersonalDataSource
{
    public const string DeletedAccountName = "a deleted account";

    public string Name => "myMedicine";

    public IReadOnlyList<Type> Entities { get; } =
    [
        typeof(Profile), typeof(ProfileCondition), typeof(ProfileAllergy), typeof(SavedMedicine), typeof(MedicineChange),
        typeof(ProfileCaregiver), typeof(CaregiverInvitation), typeof(ProfileAccessEntry),
    ];

    public async Task<object?> ExportAsync(string accountId, CancellationToken cancellationToken)
    {
        var profiles = await db.Set<Profile>().AsNoTracking().AsSplitQuery()
            .Where(p => p.AccountId == accountId)
            .Include(p => p.Conditions)
            .Include(p => p.Allergies)
            .Include(p => p.Medicines).ThenInclude(m => m.Changes)
            .OrderBy(p => p.CreatedAt)
            .ToListAsync(cancellationToken);
        var ids = profiles.Select(p => p.Id).ToList();
        var caregivers = await db.Set<ProfileCaregiver>().AsNoTracking().Where(c => ids.Contains(c.ProfileId)).ToListAsync(cancellationToken);
        var invitations = await db.Set<CaregiverInvitation>().AsNoTracking().Where(i => ids.Contains(i.ProfileId)).ToListAsync(cancellationToken);
        var accessLog = await db.Set<ProfileAccessEntry>().AsNoTracking().Where(e => ids.Contains(e.ProfileId)).OrderBy(e => e.At).ToListAsync(cancellationToken);
        var helping = await db.Set<ProfileCaregiver>().AsNoTracking().Where(c => c.AccountId == accountId)
            .Join(db.Set<Profile>(), c => c.ProfileId, p => p.Id, (c, p) => new { Profile = p.Name, c.Access, c.GrantedAt, c.LastViewedAt })
            .ToListAsync(cancellationToken);
        var myActions = await db.Set<ProfileAccessEntry>().AsNoTracking().Where(e => e.AccountId == accountId && !ids.Contains(e.ProfileId))
            .OrderBy(e => e.At).Select(e => new { e.At, e.Action, e.Detail }).ToListAsync(cancellationToken);
        if (profiles.Count == 0 && helping.Count == 0 && myActions.Count == 0)
            return null;

        return new
        {
            Profiles = profiles.Select(p => new
            {
                p.Id,
                p.Name,
                Relationship = p.Relationship.ToString(),
                p.BirthYear,
                Sex = p.Sex.ToString(),
                p.WeightKg,
                p.Pregnant,
                p.Breastfeeding,
                p.CreatedAt,
                Conditions = p.Conditions.Select(c => new { c.Name, c.ConditionSlug, c.AddedAt }),
                Allergies = p.Allergies.Select(a => new { Kind = a.Kind.ToString(), a.Target, a.Name, a.Reaction, a.AddedAt }),
                Medicines = p.Medicines.OrderBy(m => m.CreatedAt).Select(m => new
                {
                    m.Id, m.Name, m.DrugSlug, m.Strength, m.DoseAmount, m.DoseUnit, Frequency = m.Frequency.ToString(), m.FrequencyCount,
                    m.Route, m.StartDate, m.Prescriber, m.Pharmacy, m.Ndc, m.LotNumber, m.Quantity, m.DaysSupply, m.EndDate,
                    m.LastFilledOn, m.RemindDaysBefore, m.Notes, Status = m.Status.ToString(), m.StoppedOn, m.StopReason, m.CreatedAt, m.UpdatedAt,
                    History = m.Changes.OrderBy(c => c.At).Select(c => new { c.At, c.ByName, c.Summary }),
                }),
                Caregivers = caregivers.Where(c => c.ProfileId == p.Id).Select(c => new { Access = c.Access.ToString(), c.GrantedAt, c.LastViewedAt }),
                Invitations = invitations.Where(i => i.ProfileId == p.Id).Select(i => new { i.Email, Access = i.Access.ToString(), i.CreatedAt, i.AcceptedAt, i.RevokedAt }),
                AccessLog = accessLog.Where(e => e.ProfileId == p.Id).Select(e => new { e.At, e.AccountName, e.Action, e.Detail }),
            }),
            HelpingWith = helping.Select(h => new { h.Profile, Access = h.Access.ToString(), h.GrantedAt, h.LastViewedAt }),
            WhatYouDidInOthersProfiles = myActions,
        };
    }

    public async Task EraseAsync(string accountId, CancellationToken cancellationToken)
    {
        // Owned profiles go whole; the cascade takes medicines, history, caregivers, invitations and the access log.
        await db.Set<Profile>().Where(p => p.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ProfileCaregiver>().Where(c => c.AccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CaregiverInvitation>().Where(i => i.InvitedByAccountId == accountId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<CaregiverInvitation>().Where(i => i.AcceptedByAccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedByAccountId, (string?)null).SetProperty(i => i.Email, "").SetProperty(i => i.NormalizedEmail, ""), cancellationToken);
        // What they did in someone else's profile stays in that profile's history, without their name.
        await db.Set<MedicineChange>().Where(c => c.ByAccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ByAccountId, (string?)null).SetProperty(c => c.ByName, DeletedAccountName), cancellationToken);
        await db.Set<ProfileAccessEntry>().Where(e => e.AccountId == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.AccountId, (string?)null).SetProperty(e => e.AccountName, DeletedAccountName), cancellationToken);
    }
}
