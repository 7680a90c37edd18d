using System.Text.RegularExpressions;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.MyMedicine;

/// <summary>
/// A profile's allergies and conditions: what a person types is matched to the catalogue where it can be (so it is
/// checked), and kept as typed where it cannot (shown, marked "not checked").
/// </summary>
internal sealed partial class ProfileDetails(MedAtlasDbContext db, DrugCatalog drugs, ConditionCatalog conditions, MedicineSafety safety, ProfileAccess access, TimeProvider time)
{
    /// <summary>
    /// Adds an allergy. A drug class is tried first: "penicillin" means the class to a person and a prescriber
    /// (an allergy to penicillin V alone would miss amoxicillin), then a catalogue drug, then free text.
    /// </summary>
    public async Task<(ProfileAllergy? Added, List<FieldProblem> Problems)> AddAllergyAsync(
        ProfileGrant grant, string? name, string? reaction, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        if (Text.Check(name, "AllergyName", ProfileRules.ItemNameMaxLength, "what the allergy is to") is { } p)
            problems.Add(p);
        if (Text.CheckOptional(reaction, "Reaction", ProfileRules.ReactionMaxLength) is { } r)
            problems.Add(r);
        if (grant.Profile.Allergies.Count >= ProfileRules.MaxAllergies)
            problems.Add(new("AllergyName", $"A profile keeps at most {ProfileRules.MaxAllergies} allergies."));
        if (problems.Count > 0)
            return (null, problems);

        var typed = Text.Clean(name);
        var (kind, target, shown) = await MatchAllergenAsync(typed, cancellationToken);
        if (grant.Profile.Allergies.Any(a => a.Kind == kind && (kind == AllergyKind.Other ? string.Equals(a.Name, shown, StringComparison.OrdinalIgnoreCase) : a.Target == target)))
            return (null, [new("AllergyName", $"{shown} is already on the list of allergies.")]);

        var allergy = new ProfileAllergy { ProfileId = grant.Profile.Id, Kind = kind, Target = target, Name = shown, Reaction = Text.CleanOptional(reaction), AddedAt = time.GetUtcNow().UtcDateTime };
        db.Set<ProfileAllergy>().Add(allergy);
        await access.RecordAsync(grant, user, "changed", $"Added an allergy: {shown}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (allergy, []);
    }

    public async Task<bool> RemoveAllergyAsync(ProfileGrant grant, long id, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var allergy = grant.Profile.Allergies.FirstOrDefault(a => a.Id == id);
        if (allergy is null)
            return false;
        db.Set<ProfileAllergy>().Remove(allergy);
        await access.RecordAsync(grant, user, "changed", $"Removed an allergy: {allergy.Name}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<(ProfileCondition? Added, List<FieldProblem> Problems)> AddConditionAsync(
        ProfileGrant grant, string? name, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (Text.Check(name, "ConditionName", ProfileRules.ItemNameMaxLength, "the condition") is { } p)
            return (null, [p]);
        if (grant.Profile.Conditions.Count >= ProfileRules.MaxConditions)
            return (null, [new("ConditionName", $"A profile keeps at most {ProfileRules.MaxConditions} conditions.")]);

        var typed = Text.Clean(name);
        var match = await MatchConditionAsync(typed, cancellationToken);
        var shown = match?.Name ?? typed;
        if (grant.Profile.Conditions.Any(c => match is null ? string.Equals(c.Name, shown, StringComparison.OrdinalIgnoreCase) : c.ConditionSlug == match.Slug))
            return (null, [new("ConditionName", $"{shown} is already on the list of conditions.")]);

        var condition = new ProfileCondition { ProfileId = grant.Profile.Id, Name = shown, ConditionSlug = match?.Slug, AddedAt = time.GetUtcNow().UtcDateTime };
        db.Set<ProfileCondition>().Add(condition);
        await access.RecordAsync(grant, user, "changed", $"Added a condition: {shown}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (condition, []);
    }

    public async Task<bool> RemoveConditionAsync(ProfileGrant grant, long id, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var condition = grant.Profile.Conditions.FirstOrDefault(c => c.Id == id);
        if (condition is null)
            return false;
        db.Set<ProfileCondition>().Remove(condition);
        await access.RecordAsync(grant, user, "changed", $"Removed a condition: {condition.Name}", save: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Names for the pages' suggestion lists (native datalists, which work without JavaScript).</summary>
    public async Task<(IReadOnlyList<string> Classes, IReadOnlyList<string> Conditions)> SuggestionsAsync(CancellationToken cancellationToken)
    {
        var classes = await drugs.ClassesAsync(cancellationToken);
        var (_, list) = await conditions.ListAsync(1, 1000, cancellationToken);
        return ([.. classes.Select(c => c.Name)], [.. list.Select(c => c.Name)]);
    }

    private async Task<(AllergyKind Kind, string? Target, string Shown)> MatchAllergenAsync(string typed, CancellationToken cancellationToken)
    {
        var wanted = Forms(typed);
        foreach (var c in await drugs.ClassesAsync(cancellationToken))
        {
            var names = new List<string> { c.Slug.Replace('-', ' '), c.Name };
            // "Nonsteroidal anti-inflammatory drugs (NSAIDs)": the words before the brackets and the abbreviation in them.
            if (Bracketed().Match(c.Name) is { Success: true } m)
                names.AddRange([m.Groups[1].Value, m.Groups[2].Value]);
            if (names.SelectMany(Forms).Any(wanted.Contains))
                return (AllergyKind.Class, c.Slug, c.Name);
        }

        if (await safety.DrugAsync(typed, cancellationToken) is { } drug)
            return (AllergyKind.Drug, drug.Slug, drug.Name);
        return (AllergyKind.Other, null, typed);
    }

    private async Task<ConditionListItem?> MatchConditionAsync(string typed, CancellationToken cancellationToken)
    {
        var wanted = SearchText.Normalize(typed);
        var (_, list) = await conditions.ListAsync(1, 1000, cancellationToken);
        return list.FirstOrDefault(c => c.Slug == SearchText.Slug(typed) || SearchText.Normalize(c.Name) == wanted || c.Synonyms.Any(s => SearchText.Normalize(s) == wanted));
    }

    /// <summary>A name and its singular or plural ("penicillin", "penicillins").</summary>
    private static HashSet<string> Forms(string text)
    {
        var n = SearchText.Normalize(text);
        var set = new HashSet<string> { n };
        if (n.EndsWith('s'))
            set.Add(n[..^1]);
        else if (n.Length > 0)
            set.Add(n + "s");
        return set;
    }

    [GeneratedRegex(@"^(.+?)\s*\((.+)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Bracketed();
}
