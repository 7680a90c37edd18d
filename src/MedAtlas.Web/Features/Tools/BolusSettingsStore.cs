using System.Security.Claims;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Tools;

/// <summary>
/// A profile's saved bolus settings: read by anyone who may see the profile, saved or removed by its owner or a
/// caregiver who manages it (a caregiver's change goes in the profile's access log, without the numbers). Only the
/// settings are stored; a meal, a glucose reading or a dose never is.
/// </summary>
internal sealed class BolusSettingsStore(MedAtlasDbContext db, ProfileAccess access, TimeProvider time)
{
    public Task<BolusSettings?> FindAsync(ProfileGrant grant, CancellationToken cancellationToken) =>
        db.Set<BolusSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.ProfileId == grant.Profile.Id, cancellationToken);

    /// <summary>Which of these profiles have settings saved; the ids come from <see cref="ProfileAccess.ListAsync"/>, so they are the person's.</summary>
    public async Task<HashSet<Guid>> WithSettingsAsync(IReadOnlyCollection<Guid> profileIds, CancellationToken cancellationToken) =>
        profileIds.Count == 0
            ? []
            : [.. await db.Set<BolusSettings>().Where(s => profileIds.Contains(s.ProfileId)).Select(s => s.ProfileId).ToListAsync(cancellationToken)];

    /// <summary>
    /// Checks the settings with the calculator's own limits (<see cref="BolusCalculator.CheckSettings"/>) and saves them
    /// when there is no problem. Values are first taken to the digits the table keeps (3 decimals, 2 for the maximum
    /// bolus), so what is checked is what is stored, on SQLite and PostgreSQL alike.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> SaveAsync(ProfileGrant grant, BolusInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!grant.CanManage)
            throw new InvalidOperationException("Only the owner or a managing caregiver saves a profile's settings.");
        var tidy = input with
        {
            CarbRatio = Round(input.CarbRatio, 3),
            TargetGlucose = Round(input.TargetGlucose, 3),
            CorrectionFactor = Round(input.CorrectionFactor, 3),
            MaxBolus = Round(input.MaxBolus, 2),
        };
        var problems = BolusCalculator.CheckSettings(tidy);
        if (problems.Count > 0)
            return problems;

        // Two saves of a first setting at once (a double click) both insert; the second then finds the row and updates it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var row = await db.Set<BolusSettings>().FirstOrDefaultAsync(s => s.ProfileId == grant.Profile.Id, cancellationToken);
                if (row is null)
                {
                    row = new BolusSettings { ProfileId = grant.Profile.Id, Unit = "" };
                    db.Set<BolusSettings>().Add(row);
                }

                row.Unit = BolusCalculator.UnitName(tidy.Unit);
                row.CarbRatio = tidy.CarbRatio!.Value;
                row.TargetGlucose = tidy.TargetGlucose!.Value;
                row.CorrectionFactor = tidy.CorrectionFactor!.Value;
                row.Increment = tidy.Increment;
                row.MaxBolus = tidy.MaxBolus;
                row.UpdatedAt = time.GetUtcNow().UtcDateTime;
                await access.RecordAsync(grant, user, "changed", "Saved the bolus calculator settings", save: false, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return problems;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Removes the profile's settings; false when there were none.</summary>
    public async Task<bool> RemoveAsync(ProfileGrant grant, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!grant.CanManage)
            throw new InvalidOperationException("Only the owner or a managing caregiver removes a profile's settings.");
        var row = await db.Set<BolusSettings>().FirstOrDefaultAsync(s => s.ProfileId == grant.Profile.Id, cancellationToken);
        if (row is null)
            return false;
        db.Set<BolusSettings>().Remove(row);
        await access.RecordAsync(grant, user, "changed", "Removed the bolus calculator settings", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static decimal? Round(decimal? value, int decimals) =>
        value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : null;
}
