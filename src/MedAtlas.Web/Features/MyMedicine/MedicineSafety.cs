using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Interactions;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>A medicine on the list that matches one of the person's allergies, and why.</summary>
internal sealed record AllergyWarning(string MedicineName, string DrugSlug, ProfileAllergy Allergy, string Why);

/// <summary>The monograph's pregnancy and breastfeeding section, shown when the profile says pregnant or breastfeeding.</summary>
internal sealed record PregnancyNote(string DrugSlug, string DrugName, string Html);

/// <summary>
/// Everything the safety check found for a list (or for one medicine against it). An empty section means the
/// catalogue knows of nothing, not that a combination is safe; the pages say so.
/// </summary>
internal sealed record SafetyReport(
    InteractionReport Report,
    IReadOnlyList<AllergyWarning> Allergies,
    IReadOnlyList<FoundCaution> Conditions,
    IReadOnlyList<PregnancyNote> Pregnancy,
    IReadOnlyList<string> NotChecked,
    IReadOnlyList<string> AlreadyListed,
    IReadOnlyList<string> ConditionsNotChecked)
{
    public InteractionSeverity? Worst => Report.Interactions.Count == 0 ? null : Report.Interactions.Max(i => i.Severity);

    public int WarningCount => Report.Interactions.Count + Report.Duplicates.Count + Allergies.Count + Conditions.Count + AlreadyListed.Count;

    public bool IsEmpty => WarningCount == 0 && Report.FoodAndAlcohol.Count == 0 && Pregnancy.Count == 0;
}

/// <summary>
/// My Medicine's safety check: the interaction checker's engine on a profile's active list, plus what only a profile
/// knows: its allergies (a drug's ingredients, or a class its ingredients belong to), its conditions, and its
/// pregnancy flag. The profile page, the add-medicine check and the API all ask this one service.
/// </summary>
internal sealed class MedicineSafety(InteractionChecker checker, DrugCatalog catalog)
{
    /// <summary>The whole active list, as the profile page shows it.</summary>
    public async Task<SafetyReport> CheckListAsync(Profile profile, IReadOnlyList<SavedMedicine> medicines, CancellationToken cancellationToken)
    {
        var active = medicines.Where(m => m.Status == MedicineStatus.Active).ToList();
        var (found, unknown) = await ResolveAsync(active, cancellationToken);
        var report = await checker.CheckAsync(found, unknown, cancellationToken);
        var drugs = found.Select(f => f.Drug).DistinctBy(d => d.Id).ToList();
        return new SafetyReport(
            report,
            await AllergiesAsync(profile, found, cancellationToken),
            await CautionsAsync(profile, drugs, cancellationToken),
            await PregnancyAsync(profile, drugs, cancellationToken),
            [.. unknown.Select(u => u.Input).Distinct()],
            [],
            ConditionsNotChecked(profile));
    }

    /// <summary>
    /// One medicine (being added or edited) against the rest of the active list: only what involves it.
    /// <paramref name="editing"/> is the saved medicine being changed, left out of "the rest".
    /// </summary>
    public async Task<SafetyReport> CheckOneAsync(
        Profile profile, IReadOnlyList<SavedMedicine> medicines, string name, string? drugSlug, Guid? editing, CancellationToken cancellationToken)
    {
        var others = medicines.Where(m => m.Status == MedicineStatus.Active && m.Id != editing).ToList();
        var (found, unknown) = await ResolveAsync(others, cancellationToken);
        var candidate = drugSlug is null ? null : await DrugAsync(drugSlug, cancellationToken);
        if (candidate is null)
            return new SafetyReport(await checker.CheckAsync([], [], cancellationToken), [], [], [], [name], [], ConditionsNotChecked(profile));

        var already = found.Where(f => f.Drug.Id == candidate.Id).Select(f => f.Input).Distinct().ToList();
        var list = found.Where(f => f.Drug.Id != candidate.Id).Append(new CheckedInput(name, candidate)).ToList();
        var full = await checker.CheckAsync(list, unknown, cancellationToken);
        var report = full with
        {
            Checked = [new CheckedInput(name, candidate)],
            Interactions = [.. full.Interactions.Where(i => i.A.Id == candidate.Id || i.B.Id == candidate.Id)],
            Duplicates = [.. full.Duplicates.Where(d => d.Drugs.Any(x => x.Id == candidate.Id))],
            FoodAndAlcohol = [.. full.FoodAndAlcohol.Where(f => f.Drug.Id == candidate.Id)],
        };
        var mine = new List<CheckedInput> { new(name, candidate) };
        return new SafetyReport(
            report,
            await AllergiesAsync(profile, mine, cancellationToken),
            await CautionsAsync(profile, [candidate], cancellationToken),
            await PregnancyAsync(profile, [candidate], cancellationToken),
            [],
            already,
            ConditionsNotChecked(profile));
    }

    /// <summary>The catalogue drug a slug names, or null: how a medicine's name is shown as "checked".</summary>
    public async Task<CheckedDrug?> DrugAsync(string slug, CancellationToken cancellationToken) =>
        (await checker.ResolveAsync([slug], cancellationToken)).Found is [var first, ..] ? first.Drug : null;

    private async Task<(List<CheckedInput> Found, List<UnknownInput> Unknown)> ResolveAsync(List<SavedMedicine> active, CancellationToken cancellationToken)
    {
        var withSlug = active.Where(m => m.DrugSlug is not null).ToList();
        var (found, _) = await checker.ResolveAsync(withSlug.Select(m => m.DrugSlug!), cancellationToken);
        var bySlug = found.GroupBy(f => f.Input).ToDictionary(g => g.Key, g => g.First().Drug);
        var checkedInputs = withSlug.Where(m => bySlug.ContainsKey(m.DrugSlug!)).Select(m => new CheckedInput(m.Name, bySlug[m.DrugSlug!])).ToList();
        // Free-text medicines are listed as "not checked" by the report, never silently dropped.
        var unknown = active.Where(m => m.DrugSlug is null || !bySlug.ContainsKey(m.DrugSlug)).Select(m => new UnknownInput(m.Name, null, null)).ToList();
        return (checkedInputs, unknown);
    }

    private async Task<List<AllergyWarning>> AllergiesAsync(Profile profile, IReadOnlyList<CheckedInput> medicines, CancellationToken cancellationToken)
    {
        var warnings = new List<AllergyWarning>();
        var allergies = profile.Allergies.Where(a => a.Kind != AllergyKind.Other && a.Target is not null).ToList();
        if (allergies.Count == 0)
            return warnings;

        var allergenDrugs = new Dictionary<string, CheckedDrug>();
        foreach (var a in allergies.Where(a => a.Kind == AllergyKind.Drug))
        {
            if (await DrugAsync(a.Target!, cancellationToken) is { } d)
                allergenDrugs[a.Target!] = d;
        }

        foreach (var medicine in medicines)
        {
            var classes = await checker.ClassesOfAsync(medicine.Drug, cancellationToken);
            foreach (var allergy in allergies)
            {
                string? why = null;
                if (allergy.Kind == AllergyKind.Drug && allergenDrugs.TryGetValue(allergy.Target!, out var allergen))
                {
                    var shared = medicine.Drug.Ingredients.Intersect(allergen.Ingredients).ToList();
                    if (shared.Count > 0)
                    {
                        why = medicine.Drug.Id == allergen.Id
                            ? $"{profile.Name} is allergic to {allergen.Name}."
                            : $"{medicine.Drug.Name} contains {string.Join(" and ", shared)}, which is in {allergen.Name}; {profile.Name} is allergic to {allergen.Name}.";
                    }
                }
                else if (allergy.Kind == AllergyKind.Class && classes.FirstOrDefault(c => c.ClassSlug == allergy.Target) is { } member)
                {
                    why = medicine.Drug.Ingredients.Count == 1
                        ? $"{medicine.Drug.Name} is one of the {member.ClassName}; {profile.Name} is allergic to {member.ClassName}."
                        : $"{medicine.Drug.Name} contains {member.Ingredient}, one of the {member.ClassName}; {profile.Name} is allergic to {member.ClassName}.";
                }

                if (why is not null)
                    warnings.Add(new AllergyWarning(medicine.Input, medicine.Drug.Slug, allergy, why));
            }
        }

        return warnings;
    }

    private async Task<IReadOnlyList<FoundCaution>> CautionsAsync(Profile profile, List<CheckedDrug> drugs, CancellationToken cancellationToken)
    {
        var slugs = profile.Conditions.Where(c => c.ConditionSlug is not null).Select(c => c.ConditionSlug!).ToHashSet();
        return slugs.Count == 0 || drugs.Count == 0 ? [] : await checker.CautionsAsync(drugs, slugs, cancellationToken);
    }

    private async Task<List<PregnancyNote>> PregnancyAsync(Profile profile, List<CheckedDrug> drugs, CancellationToken cancellationToken)
    {
        var notes = new List<PregnancyNote>();
        if (!profile.Pregnant && !profile.Breastfeeding)
            return notes;
        foreach (var drug in drugs)
        {
            var monograph = (await catalog.ResolveAsync(drug.Slug, cancellationToken)).Drug;
            if (monograph?.Sections.FirstOrDefault(s => s.Id == "pregnancy") is { } section)
                notes.Add(new PregnancyNote(drug.Slug, drug.Name, section.Html));
        }

        return notes;
    }

    private static List<string> ConditionsNotChecked(Profile profile) =>
        [.. profile.Conditions.Where(c => c.ConditionSlug is null).Select(c => c.Name)];
}
