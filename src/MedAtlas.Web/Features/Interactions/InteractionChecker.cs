using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Text;

namespace MedAtlas.Web.Features.Interactions;

internal sealed record SourceSeverity(string Source, string Name, InteractionSeverity Severity);

/// <summary>Two of the listed medicines interact. Each source's severity is kept: where they disagree, all are shown.</summary>
internal sealed record FoundInteraction(
    CheckedDrug A, CheckedDrug B, string IngredientA, string IngredientB, InteractionSeverity Severity,
    string? Summary, string? Mechanism, string? Management, IReadOnlyList<SourceSeverity> Sources, IReadOnlyList<string> References)
{
    public bool SourcesDisagree => Sources.Select(s => s.Severity).Distinct().Count() > 1;
}

internal sealed record FoundDuplicate(DuplicateKind Kind, string Target, string TargetName, IReadOnlyList<CheckedDrug> Drugs, string Summary, string? DailyLimit, string? Management);

internal sealed record FoundFood(CheckedDrug Drug, string Item, InteractionSeverity Severity, string Summary, string? Mechanism, string? Management, IReadOnlyList<string> References);

/// <summary>A medicine that needs care with a condition the person has (a label's "ask a doctor before use if you have...").</summary>
internal sealed record FoundCaution(CheckedDrug Drug, string Ingredient, string ConditionSlug, string ConditionName, InteractionSeverity Severity, string Summary, string? Management, IReadOnlyList<string> References);

/// <summary>A drug class one of a drug's ingredients belongs to, as the checker's class rules see it.</summary>
internal sealed record IngredientClass(string Ingredient, string ClassSlug, string ClassName);

internal sealed record UnknownInput(string Input, string? DidYouMeanSlug, string? DidYouMeanName);

internal sealed record CheckedInput(string Input, CheckedDrug Drug);

/// <summary>A condition someone named (by slug, name or synonym), as the conditions catalogue knows it.</summary>
internal sealed record CheckedCondition(string Input, string Slug, string Name);

internal sealed record InteractionReport(
    IReadOnlyList<CheckedInput> Checked,
    IReadOnlyList<UnknownInput> Unknown,
    IReadOnlyList<FoundInteraction> Interactions,
    IReadOnlyList<FoundDuplicate> Duplicates,
    IReadOnlyList<FoundFood> FoodAndAlcohol,
    IReadOnlyList<(string Name, int Rules)> SourcesChecked);

/// <summary>The list a person brought could not be checked as it is; <see cref="Problem"/> says why, in their words.</summary>
internal sealed record ListProblem(string Problem);

/// <summary>
/// Checks a list of medicines at ingredient level (a combination product counts as each of its ingredients):
/// drug-drug pairs and class or group rules, duplicate ingredients and classes, food and alcohol, and cautions
/// with the conditions a person has. Used by the checker page and API, and by any feature that keeps medicine lists.
/// </summary>
internal sealed class InteractionChecker(InteractionIndex index, DrugSearchIndex names)
{
    public const int MaxMedicines = 30;

    public const int MaxConditions = 20;

    /// <summary>Turns what someone typed (slug, generic or brand name) into catalogue drugs; what is unknown is returned as such.</summary>
    public async Task<(IReadOnlyList<CheckedInput> Found, IReadOnlyList<UnknownInput> Unknown)> ResolveAsync(IEnumerable<string> inputs, CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        var found = new List<CheckedInput>();
        var unknown = new List<UnknownInput>();
        foreach (var input in inputs)
        {
            var drug = snapshot.DrugBySlug(SearchText.Slug(input));
            SearchMatch? guess = null;
            if (drug is null && SearchText.Normalize(input).Length > 0)
            {
                var matches = await names.SearchAsync(input, 5, cancellationToken);
                var exact = matches.FirstOrDefault(m => m.Target.Type == SearchTargetType.Drug && m.Quality == MatchQuality.Exact);
                drug = exact is null ? null : snapshot.DrugBySlug(exact.Target.Slug);
                guess = matches.FirstOrDefault(m => m.Target.Type == SearchTargetType.Drug);
            }

            if (drug is null)
                unknown.Add(new UnknownInput(input, guess?.Target.Slug, guess?.Target.Name));
            else
                found.Add(new CheckedInput(input, drug));
        }

        return (found, unknown);
    }

    /// <summary>The longest medicine or condition name taken, by the page and the API alike.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Why a list cannot be checked, or null when it can (the API: at least one name, within <see cref="ValidateNames"/>).</summary>
    public static ListProblem? Validate(IReadOnlyList<string> inputs) =>
        inputs.Count == 0 ? new ListProblem("Add at least two medicines to check.") : ValidateNames(inputs);

    /// <summary>
    /// The limits of a list of medicines, one rule for the checker page and <c>/api/v1/interactions</c> (issue 19):
    /// how many names, how long each, and no control or formatting characters (they are in no medicine's name, and a
    /// bidirectional override would make the list read differently from what is checked). An empty list is fine here:
    /// it is the page before anything was added.
    /// </summary>
    public static ListProblem? ValidateNames(IReadOnlyList<string> inputs)
    {
        if (inputs.Count > MaxMedicines)
            return new ListProblem($"Check at most {MaxMedicines} medicines at a time; this list has {inputs.Count}.");
        return inputs.Select(NameProblem).FirstOrDefault(p => p is not null);
    }

    /// <summary>What is wrong with one typed medicine name, or null when it can be looked up.</summary>
    public static ListProblem? NameProblem(string name) =>
        name.Length > MaxNameLength ? new ListProblem($"A medicine name is too long: at most {MaxNameLength} characters.")
        : !IsPlainText(name) ? new ListProblem("A medicine name has a character no name has (a control or formatting character). Type the name again.")
        : null;

    /// <summary>Why a list of conditions cannot be used, or null when it can (none at all is fine: they are optional).</summary>
    public static ListProblem? ValidateConditions(IReadOnlyList<string> inputs)
    {
        if (inputs.Count > MaxConditions)
            return new ListProblem($"List at most {MaxConditions} conditions; this list has {inputs.Count}.");
        if (inputs.Any(i => i.Length > MaxNameLength))
            return new ListProblem($"A condition name is too long: at most {MaxNameLength} characters.");
        if (!inputs.All(IsPlainText))
            return new ListProblem("A condition name has a character no name has (a control or formatting character). Type the name again.");
        return null;
    }

    /// <summary>Whether a name (medicine or condition) is within the rules of <see cref="ValidateNames"/> and <see cref="ValidateConditions"/>.</summary>
    public static bool IsAcceptable(string name) => name.Length <= MaxNameLength && IsPlainText(name);

    private static bool IsPlainText(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (System.Text.Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.OtherNotAssigned)
                return false;
        }

        return true;
    }

    /// <summary>What to tell someone whose condition the catalogue does not know, with the closest one it does.</summary>
    public static ListProblem UnknownCondition(UnknownInput unknown) => new(
        $"“{unknown.Input}” is not a condition in the catalogue." +
        (unknown.DidYouMeanSlug is null ? "" : $" Did you mean {unknown.DidYouMeanName} ({unknown.DidYouMeanSlug})?") +
        " The conditions are listed at /conditions.");

    /// <summary>
    /// Turns what someone typed (a condition's slug, name or synonym: "high-blood-pressure", "hypertension") into
    /// catalogue conditions, each once; what is unknown is returned with the closest condition, if any.
    /// </summary>
    public async Task<(IReadOnlyList<CheckedCondition> Found, IReadOnlyList<UnknownInput> Unknown)> ResolveConditionsAsync(IEnumerable<string> inputs, CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        var found = new List<CheckedCondition>();
        var unknown = new List<UnknownInput>();
        foreach (var input in inputs)
        {
            var slug = SearchText.Slug(input);
            var name = snapshot.ConditionName(slug);
            SearchMatch? guess = null;
            if (name is null && SearchText.Normalize(input).Length > 0)
            {
                // Drugs share the name index and can fill the first places for a typo; ask for enough to reach conditions.
                var matches = (await names.SearchAsync(input, 20, cancellationToken)).Where(m => m.Target.Type == SearchTargetType.Condition).ToList();
                if (matches.FirstOrDefault(m => m.Quality == MatchQuality.Exact) is { } exact && snapshot.ConditionName(exact.Target.Slug) is { } exactName)
                    (slug, name) = (exact.Target.Slug, exactName);
                guess = matches.FirstOrDefault();
            }

            if (name is null)
                unknown.Add(new UnknownInput(input, guess?.Target.Slug, guess?.Target.Name));
            else if (found.All(f => f.Slug != slug))
                found.Add(new CheckedCondition(input, slug, name));
        }

        return (found, unknown);
    }

    /// <summary>The same medicine named twice (by slug, brand or generic name) is a mistake in the list, not an interaction.</summary>
    public static ListProblem? Repeated(IReadOnlyList<CheckedInput> found)
    {
        var repeated = found.GroupBy(f => f.Drug.Id).FirstOrDefault(g => g.Count() > 1);
        return repeated is null ? null : new ListProblem($"{repeated.First().Drug.Name} is on the list more than once ({string.Join(", ", repeated.Select(r => $"“{r.Input}”"))}). List each medicine once.");
    }

    public async Task<InteractionReport> CheckAsync(IReadOnlyList<CheckedInput> found, IReadOnlyList<UnknownInput> unknown, CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        var drugs = found.Select(f => f.Drug).DistinctBy(d => d.Id).ToList();
        var interactions = new List<FoundInteraction>();

        for (var i = 0; i < drugs.Count; i++)
        {
            for (var j = i + 1; j < drugs.Count; j++)
            {
                var pair = CheckPair(snapshot, drugs[i], drugs[j]);
                if (pair is not null)
                    interactions.Add(pair);
            }
        }

        var sources = snapshot.RulesPerSource
            .OrderBy(s => InteractionSources.Precedence(s.Key))
            .Select(s => (InteractionSources.DisplayName(s.Key), s.Value))
            .ToList();

        return new InteractionReport(
            found,
            unknown,
            [.. interactions.OrderByDescending(x => x.Severity).ThenBy(x => x.A.Name).ThenBy(x => x.B.Name)],
            Duplicates(snapshot, drugs),
            Foods(snapshot, drugs),
            sources);
    }

    /// <summary>The sources of condition cautions and how many statements each holds, as "Checked against" lines show them.</summary>
    public async Task<IReadOnlyList<(string Name, int Rules)>> CautionSourcesAsync(CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        return [.. snapshot.CautionsPerSource.OrderBy(s => InteractionSources.Precedence(s.Key)).Select(s => (InteractionSources.DisplayName(s.Key), s.Value))];
    }

    /// <summary>The classes of each of <paramref name="drug"/>'s ingredients (hydrocodone-acetaminophen: hydrocodone is an opioid, acetaminophen an analgesic).</summary>
    public async Task<IReadOnlyList<IngredientClass>> ClassesOfAsync(CheckedDrug drug, CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        return [.. drug.Ingredients.SelectMany(i => snapshot.Keys(i)
            .Where(k => k.StartsWith("class:", StringComparison.Ordinal))
            .Select(k => new IngredientClass(i, k[6..], snapshot.Describe(k).Text.Replace("any drug in the class ", "", StringComparison.Ordinal))))];
    }

    /// <summary>
    /// What the catalogue says about taking these drugs with these conditions (condition slugs from the conditions
    /// catalogue); worst first. Empty when it knows nothing, which is not the same as "safe".
    /// </summary>
    public async Task<IReadOnlyList<FoundCaution>> CautionsAsync(IReadOnlyList<CheckedDrug> drugs, IReadOnlyCollection<string> conditionSlugs, CancellationToken cancellationToken)
    {
        var snapshot = await index.CurrentAsync(cancellationToken);
        var asked = conditionSlugs.ToHashSet(StringComparer.Ordinal);
        return drugs.Count == 0 || asked.Count == 0 ? [] : Cautions(snapshot, drugs, asked.Contains);
    }

    /// <summary>Every condition the catalogue has a caution about for this drug, worst first: the drug's interactions page lists them.</summary>
    public async Task<IReadOnlyList<FoundCaution>> CautionsOfAsync(CheckedDrug drug, CancellationToken cancellationToken) =>
        Cautions(await index.CurrentAsync(cancellationToken), [drug], _ => true);

    private static List<FoundCaution> Cautions(InteractionIndex.Snapshot snapshot, IReadOnlyList<CheckedDrug> drugs, Func<string, bool> asked)
    {
        var found = new List<FoundCaution>();
        foreach (var drug in drugs.DistinctBy(d => d.Id))
        {
            // One statement per drug and condition: a combination product's ingredients and an ingredient's classes
            // may each have one, and the person needs the one that matters most.
            var best = new Dictionary<string, (InteractionIndex.RuleView Rule, string Ingredient)>(StringComparer.Ordinal);
            foreach (var ingredient in drug.Ingredients)
            {
                foreach (var key in snapshot.Keys(ingredient))
                {
                    foreach (var (condition, rule) in snapshot.CautionsNaming(key))
                    {
                        if (asked(condition) && (!best.TryGetValue(condition, out var current) || Outranks(rule, current.Rule)))
                            best[condition] = (rule, ingredient);
                    }
                }
            }

            foreach (var (condition, (rule, ingredient)) in best)
            {
                found.Add(new FoundCaution(
                    drug, ingredient, condition, snapshot.ConditionName(condition) ?? condition, rule.Severity,
                    rule.Summary ?? $"{InteractionSources.DisplayName(rule.Source)} lists a caution for {ingredient} with this condition; it gives no description.",
                    rule.Management ?? "Ask your doctor or pharmacist before taking it.",
                    rule.References));
            }
        }

        return [.. found.OrderByDescending(c => c.Severity).ThenBy(c => c.Drug.Name, StringComparer.Ordinal).ThenBy(c => c.ConditionName, StringComparer.Ordinal)];
    }

    /// <summary>Worse first; at the same severity the more specific statement (about the ingredient, not its class); then the source shown first.</summary>
    private static bool Outranks(InteractionIndex.RuleView rule, InteractionIndex.RuleView current) =>
        rule.Severity != current.Severity ? rule.Severity > current.Severity
        : rule.Specificity != current.Specificity ? rule.Specificity > current.Specificity
        : InteractionSources.Precedence(rule.Source) < InteractionSources.Precedence(current.Source);

    private static FoundInteraction? CheckPair(InteractionIndex.Snapshot snapshot, CheckedDrug a, CheckedDrug b)
    {
        // Every source's best statement about this pair of drugs, over all their ingredient pairs.
        var best = new Dictionary<string, (InteractionIndex.RuleView Rule, string IngredientA, string IngredientB)>();
        foreach (var x in a.Ingredients)
        {
            foreach (var y in b.Ingredients)
            {
                if (x == y)
                    continue; // the same ingredient twice is a duplicate, reported as such

                foreach (var kx in snapshot.Keys(x))
                {
                    foreach (var ky in snapshot.Keys(y))
                    {
                        foreach (var rule in snapshot.Rules(kx, ky))
                        {
                            if (!best.TryGetValue(rule.Source, out var current)
                                || rule.Severity > current.Rule.Severity
                                || (rule.Severity == current.Rule.Severity && rule.Specificity > current.Rule.Specificity))
                            {
                                best[rule.Source] = (rule, x, y);
                            }
                        }
                    }
                }
            }
        }

        if (best.Count == 0)
            return null;

        var ordered = best.OrderBy(s => InteractionSources.Precedence(s.Key)).ToList();
        var text = ordered.FirstOrDefault(s => s.Value.Rule.Summary is not null).Value.Rule ?? ordered[0].Value.Rule;
        var first = ordered[0].Value;
        return new FoundInteraction(
            a, b, first.IngredientA, first.IngredientB,
            // Grouped under the worst any source gives (safety first); each source's own grade is listed beside it.
            ordered.Max(s => s.Value.Rule.Severity),
            text.Summary ?? $"{InteractionSources.DisplayName(text.Source)} lists an interaction between {first.IngredientA} and {first.IngredientB}; it gives no description.",
            text.Mechanism,
            text.Management ?? "Ask your doctor or pharmacist whether you should take these together, and what to watch for.",
            [.. ordered.Select(s => new SourceSeverity(s.Key, InteractionSources.DisplayName(s.Key), s.Value.Rule.Severity))],
            [.. ordered.SelectMany(s => s.Value.Rule.References).Distinct()]);
    }

    private static List<FoundDuplicate> Duplicates(InteractionIndex.Snapshot snapshot, List<CheckedDrug> drugs)
    {
        var found = new List<FoundDuplicate>();
        foreach (var group in drugs.SelectMany(d => d.Ingredients.Select(i => (Ingredient: i, Drug: d))).GroupBy(x => x.Ingredient))
        {
            var holders = group.Select(g => g.Drug).DistinctBy(d => d.Id).ToList();
            if (holders.Count < 2)
                continue;

            var rule = snapshot.DuplicateIngredient(group.Key);
            found.Add(new FoundDuplicate(
                DuplicateKind.Ingredient, group.Key, group.Key, holders,
                rule?.Summary ?? $"These medicines all contain {group.Key}. Taking them together can add up to too much.",
                rule?.DailyLimit,
                rule?.Management ?? "Ask your pharmacist before taking them together."));
        }

        var byClass = drugs
            .SelectMany(d => d.Ingredients.SelectMany(i => snapshot.DuplicateClassesOf(i)).Select(c => (c.ClassSlug, c.Rule, Drug: d)))
            .GroupBy(x => x.ClassSlug);
        foreach (var group in byClass)
        {
            var holders = group.Select(g => g.Drug).DistinctBy(d => d.Id).ToList();
            // Two products with the same ingredient are already reported as a duplicate ingredient.
            if (holders.Count < 2 || holders.Select(h => string.Join("+", h.Ingredients)).Distinct().Count() < 2)
                continue;

            var rule = group.First().Rule;
            var (name, _) = snapshot.Describe("class:" + group.Key);
            found.Add(new FoundDuplicate(DuplicateKind.Class, group.Key, name.Replace("any drug in the class ", "", StringComparison.Ordinal), holders, rule.Summary, rule.DailyLimit, rule.Management));
        }

        return found;
    }

    private static List<FoundFood> Foods(InteractionIndex.Snapshot snapshot, List<CheckedDrug> drugs) =>
    [
        .. drugs
            .SelectMany(d => d.Ingredients.SelectMany(snapshot.Foods).Select(f => (Drug: d, Food: f)))
            .GroupBy(x => (x.Drug.Id, Item: x.Food.Item.ToLowerInvariant()))
            .Select(g => g.MaxBy(x => x.Food.Severity))
            .OrderByDescending(x => x.Food.Severity).ThenBy(x => x.Drug.Name).ThenBy(x => x.Food.Item)
            .Select(x => new FoundFood(x.Drug, x.Food.Item, x.Food.Severity, x.Food.Summary, x.Food.Mechanism, x.Food.Management, x.Food.References)),
    ];
}
