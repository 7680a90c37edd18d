using System.Text.RegularExpressions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Reviews;
using MedAtlas.Web.Infrastructure.StarterData;

namespace MedAtlas.Tests.Features.Reviews;

/// <summary>The review form's side-effect checkboxes come from the monographs' bullet lists: checked on the real starter data.</summary>
public sealed partial class WriteSideEffectListTests
{
    private static readonly string SeedFolder = Path.Combine(AppContext.BaseDirectory, "data", "seed", "drugs");

    private static async Task<List<SeedDrug>> DrugsAsync()
    {
        var folder = new StarterDataFolder(SeedFolder);
        var drugs = await folder.ReadJsonArraysAsync<SeedDrug>("drugs-*.json", TestContext.Current.CancellationToken);
        drugs.AddRange(await folder.ReadJsonArraysAsync<SeedDrug>("supplements.json", TestContext.Current.CancellationToken));
        return drugs;
    }

    private static int Bullets(string? markdown) => markdown is null ? 0 : BulletLine().Count(markdown);

    [Fact]
    public async Task Every_starter_drug_with_a_bulleted_list_yields_its_items_as_plain_words()
    {
        var drugs = await DrugsAsync();
        var withLists = 0;

        foreach (var drug in drugs)
        {
            var list = SideEffectList.Parse(drug.SideEffects, drug.SeriousSideEffects);
            if (Bullets(drug.SideEffects) > 0 || Bullets(drug.SeriousSideEffects) > 0)
                withLists++;

            // Every bullet gives a label (the same words twice give one).
            Assert.InRange(list.Serious.Count, Math.Min(1, Bullets(drug.SeriousSideEffects)), Bullets(drug.SeriousSideEffects));
            Assert.InRange(list.Common.Count, 0, Bullets(drug.SideEffects));
            Assert.Equal(SideEffectList.Items(drug.SideEffects).Count, Bullets(drug.SideEffects));
            Assert.Equal(SideEffectList.Items(drug.SeriousSideEffects).Count, Bullets(drug.SeriousSideEffects));
            foreach (var item in list.All)
            {
                Assert.DoesNotMatch(MarkdownSyntax(), item.Label);
                Assert.False(item.Label.EndsWith('.') && item.Serious, $"{drug.Slug}: “{item.Label}” ends in a full stop");
                Assert.InRange(item.Label.Length, 2, SideEffectList.LabelMaxLength);
                Assert.Equal(item.Label.Trim(), item.Label);
            }
        }

        // Most of the starter catalogue lists its side effects as bullets; a parser that found none would pass above.
        Assert.True(withLists > 100, $"only {withLists} drugs with lists");
    }

    [Fact]
    public async Task Serious_items_are_shortened_to_their_first_clause_and_lose_their_bold()
    {
        var drugs = (await DrugsAsync()).ToDictionary(d => d.Slug);
        SideEffectList Of(string slug) => SideEffectList.Parse(drugs[slug].SideEffects, drugs[slug].SeriousSideEffects);

        var albuterol = Of("albuterol").Serious.Select(s => s.Label).ToList();
        Assert.Contains("Your breathing gets worse right after a puff (paradoxical bronchospasm)", albuterol);
        Assert.Contains("Signs of a serious allergic reaction", albuterol);

        var insulin = Of("insulin-glargine").Serious.Select(s => s.Label).ToList();
        Assert.Equal(["Severe low blood sugar", "Low potassium", "Serious allergic reaction", "Heart failure (if you also take a thiazolidinedione such as pioglitazone)"], insulin);

        // "C. difficile" is not the end of a sentence; a lead-in that sets the scene is kept with what follows it.
        var azithromycin = Of("azithromycin").Serious.Select(s => s.Label).ToList();
        Assert.Contains("Severe watery or bloody diarrhea, with or without stomach cramps and fever", azithromycin);
        Assert.Contains("Liver problems", azithromycin);
        Assert.Contains("In babies under 6 weeks old: vomiting or irritability when feeding (a stomach outlet blockage called pyloric stenosis)", azithromycin);
        Assert.Contains("Signs of ketoacidosis (too much acid in the blood), even if your blood sugar is normal", Of("empagliflozin").Serious.Select(s => s.Label));
    }

    [Fact]
    public async Task Common_items_keep_their_words_and_prose_sections_give_none()
    {
        var drugs = (await DrugsAsync()).ToDictionary(d => d.Slug);

        var albuterol = SideEffectList.Parse(drugs["albuterol"].SideEffects, drugs["albuterol"].SeriousSideEffects);
        var olmesartan = SideEffectList.Parse(drugs["olmesartan"].SideEffects, null);

        Assert.Equal("Shakiness (tremor)", albuterol.Common[0].Label);
        Assert.False(albuterol.Common[0].Serious);
        Assert.Equal(albuterol.Common[0], albuterol.Find("  shakiness   (TREMOR) "));
        Assert.Null(albuterol.Find("Sprouting wings"));
        Assert.Empty(olmesartan.All);
    }

    [Fact]
    public void Links_code_and_emphasis_become_their_words()
    {
        var list = SideEffectList.Parse("- *Mild* `rash` on [the skin](https://example.org)\n- Mild rash on the skin\n- __Dry__ mouth", "1. **Chest pain**: call 911.");

        Assert.Equal(["Mild rash on the skin", "Dry mouth"], list.Common.Select(s => s.Label));
        Assert.Equal("Chest pain", Assert.Single(list.Serious).Label);
    }

    [GeneratedRegex(@"^\s*[-*+]\s|^\s*\d+\.\s", RegexOptions.Multiline)]
    private static partial Regex BulletLine();

    [GeneratedRegex(@"\*|__|`|\]\(|^#|^[-+]\s|<[a-z/]")]
    private static partial Regex MarkdownSyntax();
}
