using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Features.Interactions;

/// <summary>A catalogue drug as the checker sees it: its ingredients, each with the keys rules can name it by.</summary>
internal sealed record CheckedDrug(int Id, string Slug, string Name, IReadOnlyList<string> Ingredients);

/// <summary>
/// Everything the checker needs, in memory: every drug's ingredients; every ingredient's keys (itself, its
/// classes, its groups); every drug-drug rule by its unordered pair of keys, and apart from them every caution
/// (a rule with a <c>condition:</c> side) by its drug key and condition. Rebuilt when drugs (which include the
/// conditions catalogue) or interactions change (a data stamp), so a check is dictionary look-ups only.
/// </summary>
internal sealed class InteractionIndex : IDisposable, IWarmable
{
    private readonly IServiceScopeFactory scopes;
    private readonly StampedSnapshot<Snapshot> snapshot;

    public InteractionIndex(IServiceScopeFactory scopes, DataStamps stamps, ILogger<InteractionIndex> logger)
    {
        this.scopes = scopes;
        snapshot = new StampedSnapshot<Snapshot>(stamps, ["drugs", "interactions"], BuildAsync, logger, "Interaction index");
    }

    public Task WarmAsync(CancellationToken cancellationToken) => snapshot.GetAsync(cancellationToken);

    public void Dispose() => snapshot.Dispose();

    public Task<Snapshot> CurrentAsync(CancellationToken cancellationToken) => snapshot.GetAsync(cancellationToken);

    private async Task<Snapshot> BuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();

        var links = scope.ServiceProvider.GetRequiredService<DrugLinks>();
        var drugs = await links.CompositionsAsync(cancellationToken);
        var groups = await db.Set<InteractionGroup>().AsNoTracking().ToListAsync(cancellationToken);
        var stored = await db.Set<InteractionRule>().AsNoTracking()
            .Select(r => new { Rule = new RuleView(r.Source, r.A, r.B, r.Severity, r.Summary, r.Mechanism, r.Management, r.References), r.Origin })
            .ToListAsync(cancellationToken);
        var (rules, unmatchedNames) = ResolveListedNames(
            stored.Select(s => (s.Rule, Listed: s.Origin == ContentOrigin.Imported)), await CatalogueIngredients.LoadAsync(links, cancellationToken));
        var duplicates = await db.Set<DuplicateTherapyRule>().AsNoTracking().ToListAsync(cancellationToken);
        var foods = await db.Set<FoodInteraction>().AsNoTracking().ToListAsync(cancellationToken);
        var classNames = (await links.ClassNamesAsync(cancellationToken)).ToDictionary(StringComparer.Ordinal);
        var conditionNames = (await scope.ServiceProvider.GetRequiredService<ConditionCatalog>().NamesAsync(cancellationToken)).ToDictionary(c => c.Slug, c => c.Name);

        // An ingredient's classes are those of the single-ingredient drugs that are it: a combination product's
        // class ("opioids" for hydrocodone-acetaminophen) must not make acetaminophen an opioid.
        var classesByIngredient = new Dictionary<string, HashSet<string>>();
        foreach (var drug in drugs.Where(d => d.Ingredients.Count == 1))
        {
            if (!classesByIngredient.TryGetValue(drug.Ingredients[0], out var set))
                classesByIngredient[drug.Ingredients[0]] = set = [];
            set.UnionWith(drug.Classes);
        }

        // An ingredient sold only in combinations (hydrocodone, sacubitril, triamterene) takes the combination's
        // classes that its partners do not explain: hydrocodone-acetaminophen is "opioids, analgesics" and
        // acetaminophen is the analgesic, so hydrocodone is the opioid.
        var orphanClasses = new Dictionary<string, HashSet<string>>();
        foreach (var combination in drugs.Where(d => d.Ingredients.Count > 1))
        {
            var explained = combination.Ingredients.Where(classesByIngredient.ContainsKey).SelectMany(i => classesByIngredient[i]).ToHashSet();
            foreach (var orphan in combination.Ingredients.Where(i => !classesByIngredient.ContainsKey(i)))
            {
                if (!orphanClasses.TryGetValue(orphan, out var set))
                    orphanClasses[orphan] = set = [];
                set.UnionWith(combination.Classes.Where(c => !explained.Contains(c)));
            }
        }

        foreach (var (orphan, classes) in orphanClasses)
            classesByIngredient[orphan] = classes;

        var singleDrugByIngredient = drugs.Where(d => d.Ingredients.Count == 1)
            .GroupBy(d => d.Ingredients[0])
            .ToDictionary(g => g.Key, g => g.OrderBy(d => d.Slug.Length).First().Slug);

        var keysByIngredient = new Dictionary<string, string[]>();
        foreach (var ingredient in drugs.SelectMany(d => d.Ingredients).Distinct())
        {
            var classes = classesByIngredient.GetValueOrDefault(ingredient) ?? [];
            var keys = new List<string> { ingredient };
            keys.AddRange(classes.Select(c => "class:" + c));
            keys.AddRange(groups.Where(g => g.Members.Any(m => m == ingredient || (m.StartsWith("class:", StringComparison.Ordinal) && classes.Contains(m[6..])))).Select(g => "group:" + g.Slug));
            keysByIngredient[ingredient] = [.. keys.Distinct()];
        }

        var byPair = new Dictionary<(string, string), List<RuleView>>();
        var byKey = new Dictionary<string, List<RuleView>>();
        var cautions = new Dictionary<string, List<(string Condition, RuleView Rule)>>();
        var drugRules = new List<RuleView>(rules.Count);
        foreach (var rule in rules)
        {
            // Cautions are kept apart so that no drug-drug look-up, count or listing can meet one.
            if (InteractionRule.IsCondition(rule.A) != InteractionRule.IsCondition(rule.B))
            {
                var (drugKey, condition) = InteractionRule.IsCondition(rule.A) ? (rule.B, rule.A) : (rule.A, rule.B);
                if (!cautions.TryGetValue(drugKey, out var forKey))
                    cautions[drugKey] = forKey = [];
                forKey.Add((condition[InteractionRule.ConditionPrefix.Length..], rule));
                continue;
            }

            if (InteractionRule.IsCondition(rule.A))
                continue; // condition with condition: not a statement about a medicine

            drugRules.Add(rule);
            var pair = (rule.A, rule.B);
            if (!byPair.TryGetValue(pair, out var list))
                byPair[pair] = list = [];
            list.Add(rule);
            foreach (var side in rule.A == rule.B ? [rule.A] : new[] { rule.A, rule.B })
            {
                if (!byKey.TryGetValue(side, out var sideList))
                    byKey[side] = sideList = [];
                sideList.Add(rule);
            }
        }

        return new Snapshot(
            drugs.ToDictionary(d => d.Id, d => new CheckedDrug(d.Id, d.Slug, d.Name, d.Ingredients)),
            keysByIngredient,
            byPair,
            byKey,
            duplicates.Where(d => d.Kind == DuplicateKind.Ingredient).GroupBy(d => d.Target).ToDictionary(g => g.Key, g => g.First()),
            duplicates.Where(d => d.Kind == DuplicateKind.Class).GroupBy(d => d.Target).ToDictionary(g => g.Key, g => g.First()),
            foods.GroupBy(f => f.Drug).ToDictionary(g => g.Key, g => g.ToList()),
            groups.ToDictionary(g => g.Slug, g => g.Name),
            classNames,
            singleDrugByIngredient,
            drugRules.GroupBy(r => r.Source).ToDictionary(g => g.Key, g => g.Count()),
            cautions,
            conditionNames,
            unmatchedNames);
    }

    /// <summary>
    /// Imported rules name their sides as their list does ("calcium gluconate", "warfarin sodium"); here each name is
    /// matched to the catalogue ingredient it names today, so a rule follows the catalogue as drugs are imported, and the
    /// same files give the same rules in any order. Several names of one ingredient make one rule with the worst
    /// severity (DDInter's calcium salts); a pair of two names of one ingredient checks nothing while that holds. Rules
    /// the project writes (starter, editor) already name catalogue keys and pass unchanged. Also returns, per source, how
    /// many of its names match no catalogue drug.
    /// </summary>
    internal static (List<RuleView> Rules, Dictionary<string, int> UnmatchedNames) ResolveListedNames(
        IEnumerable<(RuleView Rule, bool Listed)> stored, CatalogueIngredients catalogue)
    {
        var rules = new List<RuleView>();
        var merged = new Dictionary<(string Source, string A, string B), (RuleView Rule, string Listed)>();
        var unmatched = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (rule, listed) in stored)
        {
            if (!listed)
            {
                rules.Add(rule);
                continue;
            }

            var (a, b) = (catalogue.Resolve(rule.A), catalogue.Resolve(rule.B));
            foreach (var side in new[] { a, b }.Where(m => !m.Matched))
            {
                if (!unmatched.TryGetValue(rule.Source, out var set))
                    unmatched[rule.Source] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(side.Key);
            }

            if (a.Key == b.Key)
                continue;

            var (x, y) = InteractionRule.Order(a.Key, b.Key);
            // Ties go to the ordinally first pair of names, so the rows' order in the table (which follows the order of
            // imports) never decides which of two equally graded statements is shown.
            var names = rule.A + "|" + rule.B;
            if (!merged.TryGetValue((rule.Source, x, y), out var current) || rule.Severity > current.Rule.Severity
                || (rule.Severity == current.Rule.Severity && string.CompareOrdinal(names, current.Listed) < 0))
            {
                merged[(rule.Source, x, y)] = (rule with { A = x, B = y }, names);
            }
        }

        rules.AddRange(merged.Values.Select(m => m.Rule));
        return (rules, unmatched.ToDictionary(u => u.Key, u => u.Value.Count, StringComparer.Ordinal));
    }

    /// <summary>One rule as the checker reads it.</summary>
    internal sealed record RuleView(string Source, string A, string B, InteractionSeverity Severity, string? Summary, string? Mechanism, string? Management, IReadOnlyList<string> References)
    {
        /// <summary>An ingredient-to-ingredient statement is more specific than a class or group rule.</summary>
        public int Specificity => (A.Contains(':', StringComparison.Ordinal) ? 0 : 1) + (B.Contains(':', StringComparison.Ordinal) ? 0 : 1);
    }

    internal sealed class Snapshot(
        Dictionary<int, CheckedDrug> drugs,
        Dictionary<string, string[]> keysByIngredient,
        Dictionary<(string, string), List<RuleView>> rulesByPair,
        Dictionary<string, List<RuleView>> rulesByKey,
        Dictionary<string, DuplicateTherapyRule> duplicateIngredients,
        Dictionary<string, DuplicateTherapyRule> duplicateClasses,
        Dictionary<string, List<FoodInteraction>> foodsByKey,
        Dictionary<string, string> groupNames,
        Dictionary<string, string> classNames,
        Dictionary<string, string> singleDrugByIngredient,
        Dictionary<string, int> rulesPerSource,
        Dictionary<string, List<(string Condition, RuleView Rule)>> cautionsByKey,
        Dictionary<string, string> conditionNames,
        Dictionary<string, int> unmatchedNamesPerSource)
    {
        /// <summary>Drug-drug rules only; cautions are counted by <see cref="CautionsPerSource"/>.</summary>
        public int RuleCount => rulesPerSource.Values.Sum();

        public IReadOnlyDictionary<string, int> RulesPerSource => rulesPerSource;

        /// <summary>Per imported list, how many of its names match no catalogue drug (their rules name them as written).</summary>
        public IReadOnlyDictionary<string, int> UnmatchedNamesPerSource => unmatchedNamesPerSource;

        /// <summary>Every drug-drug rule as the checker reads it, list names matched to the catalogue.</summary>
        public IEnumerable<RuleView> DrugRules => rulesByPair.Values.SelectMany(r => r);

        public IReadOnlyDictionary<string, int> CautionsPerSource { get; } = cautionsByKey.Values.SelectMany(l => l)
            .GroupBy(c => c.Rule.Source).ToDictionary(g => g.Key, g => g.Count());

        private readonly Dictionary<string, CheckedDrug> drugsBySlug = drugs.Values.ToDictionary(d => d.Slug);

        public CheckedDrug? Drug(int id) => drugs.GetValueOrDefault(id);

        public CheckedDrug? DrugBySlug(string slug) => drugsBySlug.GetValueOrDefault(slug);

        public IReadOnlyList<string> Keys(string ingredient) => keysByIngredient.GetValueOrDefault(ingredient) ?? [ingredient];

        public IReadOnlyList<RuleView> Rules(string keyA, string keyB) =>
            rulesByPair.GetValueOrDefault(InteractionRule.Order(keyA, keyB)) ?? (IReadOnlyList<RuleView>)[];

        public IReadOnlyList<RuleView> RulesNaming(string key) => rulesByKey.GetValueOrDefault(key) ?? (IReadOnlyList<RuleView>)[];

        /// <summary>Every caution naming this drug key (an ingredient, class or group), with its condition's slug.</summary>
        public IReadOnlyList<(string Condition, RuleView Rule)> CautionsNaming(string key) =>
            cautionsByKey.GetValueOrDefault(key) ?? (IReadOnlyList<(string, RuleView)>)[];

        /// <summary>The catalogue name of a condition ("High blood pressure"), or null when the slug is not in the catalogue.</summary>
        public string? ConditionName(string slug) => conditionNames.GetValueOrDefault(slug);

        public DuplicateTherapyRule? DuplicateIngredient(string ingredient) => duplicateIngredients.GetValueOrDefault(ingredient);

        public IEnumerable<(string ClassSlug, DuplicateTherapyRule Rule)> DuplicateClassesOf(string ingredient) =>
            Keys(ingredient).Where(k => k.StartsWith("class:", StringComparison.Ordinal) && duplicateClasses.ContainsKey(k[6..])).Select(k => (k[6..], duplicateClasses[k[6..]]));

        public IEnumerable<FoodInteraction> Foods(string ingredient) => Keys(ingredient).SelectMany(k => foodsByKey.GetValueOrDefault(k) ?? []);

        /// <summary>How a rule side reads to a person: "warfarin", "any NSAID", "medicines that raise serotonin".</summary>
        public (string Text, string? Path) Describe(string key)
        {
            if (key.StartsWith("class:", StringComparison.Ordinal))
                return ($"any drug in the class {classNames.GetValueOrDefault(key[6..]) ?? key[6..]}", $"/drugs/class/{key[6..]}");
            if (key.StartsWith("group:", StringComparison.Ordinal))
                return (groupNames.GetValueOrDefault(key[6..]) ?? key[6..], null);
            return (key, singleDrugByIngredient.TryGetValue(key, out var slug) ? $"/drugs/{slug}" : null);
        }
    }
}
