using System.Globalization;
using System.Security.Claims;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Interactions;
using MedAtlas.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>
/// The changes a profile's list goes through (add, edit, pause, stop, refill, import), written once for the pages,
/// the API and the importers. Each checks its values with <see cref="MedicineRules"/> and saves nothing when one is
/// wrong; each change adds a line to the medicine's history and, for a caregiver, to the profile's access log.
/// </summary>
internal sealed class MedicineList(MedAtlasDbContext db, ProfileAccess access, InteractionChecker checker, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<(Profile? Profile, List<FieldProblem> Problems)> CreateProfileAsync(ClaimsPrincipal user, ProfileValues values, CancellationToken cancellationToken)
    {
        var accountId = user.AccountId() ?? throw new InvalidOperationException("Only a signed-in person has profiles.");
        var problems = ProfileRules.Check(values, Today.Year);
        if (await db.Set<Profile>().CountAsync(p => p.AccountId == accountId, cancellationToken) >= ProfileRules.MaxProfilesPerAccount)
            problems.Add(new(nameof(values.Name), $"An account keeps at most {ProfileRules.MaxProfilesPerAccount} profiles. Remove one you no longer need first."));
        if (problems.Count > 0)
            return (null, problems);

        var now = time.GetUtcNow().UtcDateTime;
        var profile = new Profile { Id = Guid.NewGuid(), AccountId = accountId, Name = "", CreatedAt = now, UpdatedAt = now };
        Apply(profile, values);
        db.Set<Profile>().Add(profile);
        await db.SaveChangesAsync(cancellationToken);
        return (profile, []);
    }

    public async Task<List<FieldProblem>> UpdateProfileAsync(ProfileGrant grant, ProfileValues values, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var problems = ProfileRules.Check(values, Today.Year);
        if (problems.Count > 0)
            return problems;
        Apply(grant.Profile, values);
        grant.Profile.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await access.RecordAsync(grant, user, "changed", "Changed the profile's details", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public async Task DeleteProfileAsync(ProfileGrant grant, CancellationToken cancellationToken)
    {
        if (!grant.IsOwner)
            throw new InvalidOperationException("Only the owner deletes a profile.");
        db.Set<Profile>().Remove(grant.Profile);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Resolves the drug (a slug chosen from suggestions, or a brand or generic name typed in full) and checks the values.</summary>
    public async Task<(MedicineValues Clean, CheckedDrug? Drug, List<FieldProblem> Problems)> PrepareAsync(MedicineValues values, CancellationToken cancellationToken)
    {
        var (problems, clean) = MedicineRules.Check(values, Today);
        CheckedDrug? drug = null;
        var lookup = clean.DrugSlug is { Length: > 0 } slug ? slug : clean.Name;
        if (lookup is { Length: > 0 and <= MedicineRules.NameMaxLength })
            drug = First((await checker.ResolveAsync([lookup], cancellationToken)).Found)?.Drug;
        if (drug is null && clean.DrugSlug is { Length: > 0 } && clean.Name is { Length: > 0 })
            drug = First((await checker.ResolveAsync([clean.Name], cancellationToken)).Found)?.Drug;
        // "atorvastatin" typed is shown as the catalogue writes it; a brand ("Advil") stays as the bottle says.
        var shown = drug is not null && string.Equals(clean.Name, drug.Name, StringComparison.OrdinalIgnoreCase) ? drug.Name : clean.Name;
        clean = clean with { DrugSlug = drug?.Slug, Name = shown };
        return (clean, drug, problems);
    }

    public async Task<(SavedMedicine? Medicine, List<FieldProblem> Problems)> AddAsync(ProfileGrant grant, MedicineValues values, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (added, problems) = await AddManyAsync(grant, [values], user, "Added", cancellationToken);
        return (added.FirstOrDefault(), problems);
    }

    /// <summary>Adds every medicine or none (an import that has one bad row saves nothing); problems name the row as "Row N: …" when there are several.</summary>
    public async Task<(List<SavedMedicine> Added, List<FieldProblem> Problems)> AddManyAsync(
        ProfileGrant grant, IReadOnlyList<MedicineValues> values, ClaimsPrincipal user, string how, CancellationToken cancellationToken)
    {
        RequireManager(grant);
        var problems = new List<FieldProblem>();
        var count = await db.Set<SavedMedicine>().CountAsync(m => m.ProfileId == grant.Profile.Id, cancellationToken);
        if (count + values.Count > MedicineRules.MaxMedicinesPerProfile)
        {
            problems.Add(new(nameof(MedicineValues.Name),
                $"A profile keeps at most {MedicineRules.MaxMedicinesPerProfile} medicines (with stopped ones); this one has {count}" +
                (values.Count > 1 ? $" and {values.Count} more would not fit." : ". Delete stopped medicines you no longer need first.")));
            return ([], problems);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var added = new List<SavedMedicine>();
        for (var i = 0; i < values.Count; i++)
        {
            var (clean, drug, rowProblems) = await PrepareAsync(values[i], cancellationToken);
            if (rowProblems.Count > 0)
            {
                problems.AddRange(values.Count == 1 ? rowProblems : rowProblems.Select(p => p with { Message = $"Row {i + 1}: {p.Message}" }));
                continue;
            }

            var medicine = new SavedMedicine { Id = Guid.NewGuid(), ProfileId = grant.Profile.Id, Name = "", Status = MedicineStatus.Active, CreatedAt = now, UpdatedAt = now };
            Apply(medicine, clean);
            medicine.LastFilledOn = clean.StartDate;
            medicine.Changes.Add(Change(user, now, $"{how}: {Describe(medicine)}" + (drug is null ? " (not in the catalogue: not checked for interactions)" : "")));
            added.Add(medicine);
        }

        if (problems.Count > 0)
            return ([], problems);
        db.Set<SavedMedicine>().AddRange(added);
        await access.RecordAsync(grant, user, "changed", added.Count == 1 ? $"Added {added[0].Name}" : $"Added {added.Count} medicines", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (added, []);
    }

    public async Task<List<FieldProblem>> UpdateAsync(ProfileGrant grant, SavedMedicine medicine, MedicineValues values, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        RequireManager(grant);
        var (clean, _, problems) = await PrepareAsync(values, cancellationToken);
        if (problems.Count > 0)
            return problems;

        var before = Snapshot(medicine);
        Apply(medicine, clean);
        var changes = Differences(before, Snapshot(medicine));
        if (changes.Count == 0)
            return [];
        var now = time.GetUtcNow().UtcDateTime;
        medicine.UpdatedAt = now;
        db.Set<MedicineChange>().Add(Change(user, now, string.Join("; ", changes), medicine.Id));
        await access.RecordAsync(grant, user, "changed", $"Changed {medicine.Name}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public async Task<List<FieldProblem>> SetStatusAsync(
        ProfileGrant grant, SavedMedicine medicine, MedicineStatus status, DateOnly? on, string? reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        RequireManager(grant);
        var problems = new List<FieldProblem>();
        if (Text.CheckOptional(reason, "Reason", MedicineRules.ShortTextMaxLength) is { } p)
            problems.Add(p);
        if (on is { } day && (day > Today.AddDays(1) || day.Year < ProfileRules.OldestBirthYear))
            problems.Add(new("StoppedOn", "Enter a date that is not in the future."));
        if (problems.Count > 0 || medicine.Status == status)
            return problems;

        var now = time.GetUtcNow().UtcDateTime;
        var why = Text.CleanOptional(reason);
        var summary = status switch
        {
            MedicineStatus.Stopped => $"Stopped on {(on ?? Today).ToString("d MMM yyyy", CultureInfo.InvariantCulture)}" + (why is null ? "" : $": {why}"),
            MedicineStatus.Paused => "Paused" + (why is null ? "" : $": {why}"),
            _ => medicine.Status == MedicineStatus.Stopped ? "Started again" : "Resumed",
        };
        medicine.Status = status;
        medicine.StoppedOn = status == MedicineStatus.Stopped ? on ?? Today : null;
        medicine.StopReason = status == MedicineStatus.Active ? null : why;
        medicine.UpdatedAt = now;
        db.Set<MedicineChange>().Add(Change(user, now, summary, medicine.Id));
        await access.RecordAsync(grant, user, "changed", $"{summary.Split(':')[0]}: {medicine.Name}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>A new supply from the pharmacy: the run-out date counts from today (and a reminder is due again).</summary>
    public async Task RecordRefillAsync(ProfileGrant grant, SavedMedicine medicine, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        RequireManager(grant);
        var now = time.GetUtcNow().UtcDateTime;
        medicine.LastFilledOn = Today;
        medicine.UpdatedAt = now;
        db.Set<MedicineChange>().Add(Change(user, now, $"Refilled on {Today.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", medicine.Id));
        await access.RecordAsync(grant, user, "changed", $"Refill of {medicine.Name}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(ProfileGrant grant, SavedMedicine medicine, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        RequireManager(grant);
        db.Set<SavedMedicine>().Remove(medicine);
        await access.RecordAsync(grant, user, "changed", $"Deleted {medicine.Name}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<List<MedicineChange>> HistoryAsync(SavedMedicine medicine, CancellationToken cancellationToken) =>
        await db.Set<MedicineChange>().AsNoTracking().Where(c => c.MedicineId == medicine.Id).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>The values of a saved medicine, as a form or the API edits them.</summary>
    public static MedicineValues ValuesOf(SavedMedicine m) => new(
        m.Name, m.DrugSlug, m.Strength, m.DoseAmount, m.DoseUnit, m.Frequency, m.FrequencyCount, m.Route, m.StartDate,
        m.Prescriber, m.Pharmacy, m.Ndc is null ? null : Drugs.Ndc.Display(m.Ndc), m.LotNumber, m.Quantity, m.DaysSupply, m.EndDate, m.RemindDaysBefore, m.Notes);

    /// <summary>"Atorvastatin 20 mg, 1 tablet, once a day"</summary>
    public static string Describe(SavedMedicine m)
    {
        var dose = MedicineRules.DoseText(m.DoseAmount, m.DoseUnit, m.Frequency, m.FrequencyCount);
        return string.Join(", ", new[] { m.Strength is null ? m.Name : $"{m.Name} {m.Strength}", dose }.Where(s => s.Length > 0));
    }

    private static CheckedInput? First(IReadOnlyList<CheckedInput> found) => found.Count > 0 ? found[0] : null;

    private static void RequireManager(ProfileGrant grant)
    {
        if (!grant.CanManage)
            throw new InvalidOperationException("Viewing a profile does not allow changing it; load it with ProfileRole.Manager.");
    }

    private static void Apply(Profile profile, ProfileValues v)
    {
        profile.Name = Text.Clean(v.Name);
        profile.Relationship = v.Relationship;
        profile.BirthYear = v.BirthYear;
        profile.Sex = v.Sex;
        profile.WeightKg = v.WeightKg;
        profile.Pregnant = v.Pregnant;
        profile.Breastfeeding = v.Breastfeeding;
    }

    private static void Apply(SavedMedicine m, MedicineValues v)
    {
        m.Name = v.Name!;
        m.DrugSlug = v.DrugSlug;
        m.Strength = v.Strength;
        m.DoseAmount = v.DoseAmount;
        m.DoseUnit = v.DoseUnit;
        m.Frequency = v.Frequency;
        m.FrequencyCount = v.FrequencyCount;
        m.Route = v.Route;
        m.StartDate = v.StartDate;
        m.Prescriber = v.Prescriber;
        m.Pharmacy = v.Pharmacy;
        m.Ndc = v.Ndc;
        m.LotNumber = v.LotNumber;
        m.Quantity = v.Quantity;
        m.DaysSupply = v.DaysSupply;
        m.EndDate = v.EndDate;
        m.RemindDaysBefore = v.RemindDaysBefore;
        m.Notes = v.Notes;
    }

    private static MedicineChange Change(ClaimsPrincipal user, DateTime at, string summary, Guid medicineId = default) => new()
    {
        MedicineId = medicineId,
        At = at,
        ByAccountId = user.AccountId(),
        ByName = user.DisplayName(),
        Summary = summary.Length > 2000 ? summary[..2000] : summary,
    };

    private static Dictionary<string, string> Snapshot(SavedMedicine m) => new()
    {
        ["Name"] = m.Name,
        ["Strength"] = m.Strength ?? "",
        ["Dose"] = MedicineRules.DoseText(m.DoseAmount, m.DoseUnit, m.Frequency, m.FrequencyCount),
        ["Route"] = m.Route ?? "",
        ["Start date"] = m.StartDate?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "",
        ["Prescriber"] = m.Prescriber ?? "",
        ["Pharmacy"] = m.Pharmacy ?? "",
        ["NDC"] = m.Ndc is null ? "" : Drugs.Ndc.Display(m.Ndc),
        ["Lot"] = m.LotNumber ?? "",
        ["Quantity"] = m.Quantity?.ToString("0.##", CultureInfo.InvariantCulture) ?? "",
        ["Days' supply"] = m.DaysSupply?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["End date"] = m.EndDate?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "",
        ["Reminder"] = m.RemindDaysBefore is { } d ? $"{d} days before it runs out" : "",
        ["Notes"] = m.Notes is null ? "" : "(notes)",
    };

    private static List<string> Differences(Dictionary<string, string> before, Dictionary<string, string> after) =>
    [
        .. before.Where(b => after[b.Key] != b.Value).Select(b => (b.Key, Old: b.Value, New: after[b.Key]) switch
        {
            ("Notes", _, _) => "Notes changed",
            (var k, "", var n) => $"{k}: added {n}",
            (var k, var o, "") => $"{k}: removed (was {o})",
            (var k, var o, var n) => $"{k}: {o} → {n}",
        }),
    ];
}
