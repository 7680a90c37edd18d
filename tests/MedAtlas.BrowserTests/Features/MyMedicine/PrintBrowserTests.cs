using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using MedAtlas.BrowserTests.Features.Shell;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.MyMedicine;

/// <summary>
/// The printed list and the wallet card on paper: Chromium prints them to PDF in A4 and in Letter, and each must come
/// out as one page with 15 medicines on the list. Also the print button, the import page's own size check, and axe.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class PrintBrowserTests(BrowserSite site)
{
    /// <summary>Fifteen medicines as a long real list has them: strengths, doses, prescribers, dates and notes of a line or two.</summary>
    private static readonly (string Name, string Strength, decimal Dose, string Unit, DoseFrequency Often, int? Count, string Notes)[] LongList =
    [
        ("Metformin", "500 mg", 2, "tablet", DoseFrequency.TimesADay, 2, "With breakfast and with the evening meal"),
        ("Atorvastatin", "40 mg", 1, "tablet", DoseFrequency.TimesADay, 1, "At bedtime"),
        ("Lisinopril", "10 mg", 1, "tablet", DoseFrequency.TimesADay, 1, "Check blood pressure at home every morning and write it down"),
        ("Amlodipine", "5 mg", 1, "tablet", DoseFrequency.TimesADay, 1, ""),
        ("Metoprolol", "25 mg", 1, "tablet", DoseFrequency.TimesADay, 2, "Do not stop suddenly; the cardiologist adjusts the dose"),
        ("Levothyroxine", "75 mcg", 1, "tablet", DoseFrequency.TimesADay, 1, "On an empty stomach, before breakfast"),
        ("Omeprazole", "20 mg", 1, "capsule", DoseFrequency.TimesADay, 1, "Before breakfast"),
        ("Sertraline", "50 mg", 1, "tablet", DoseFrequency.TimesADay, 1, ""),
        ("Gabapentin", "300 mg", 1, "capsule", DoseFrequency.TimesADay, 3, "For nerve pain in the feet"),
        ("Furosemide", "20 mg", 1, "tablet", DoseFrequency.TimesADay, 1, "In the morning"),
        ("Potassium chloride", "10 mEq", 1, "tablet", DoseFrequency.TimesADay, 1, "Take with food and a full glass of water"),
        ("Albuterol", "90 mcg per puff", 2, "puff", DoseFrequency.AsNeeded, 6, "For wheezing or shortness of breath"),
        ("Fluticasone", "50 mcg per spray", 2, "spray", DoseFrequency.TimesADay, 1, "Each nostril"),
        ("Tamsulosin", "0.4 mg", 1, "capsule", DoseFrequency.TimesADay, 1, "Half an hour after the same meal each day"),
        ("Vitamin D3", "1000 units", 1, "tablet", DoseFrequency.TimesADay, 1, "Over the counter"),
    ];

    [Fact]
    public async Task Fifteen_medicines_print_on_one_A4_page_and_on_one_Letter_page()
    {
        await using var signedIn = await SignedInWithLongListAsync();
        var (page, profileId) = (signedIn.Page, signedIn.ProfileId);
        await page.GotoAsync(Url($"/my/profiles/{profileId}/print"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Medication list: Walter" })).ToBeVisibleAsync();
        await Expect(page.Locator(".medication-table tbody tr")).ToHaveCountAsync(15);

        foreach (var format in new[] { "A4", "Letter" })
        {
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = format, PreferCSSPageSize = false });
            Assert.True(PageCount(pdf) == 1, $"The list printed on {PageCount(pdf)} {format} pages.");
        }
    }

    [Fact]
    public async Task The_wallet_card_prints_on_one_page_and_its_panels_hold_fifteen_medicines_without_overflowing()
    {
        await using var signedIn = await SignedInWithLongListAsync();
        var (page, profileId) = (signedIn.Page, signedIn.ProfileId);
        await page.GotoAsync(Url($"/my/profiles/{profileId}/card"));
        await Expect(page.Locator(".wallet-card-medicines li")).ToHaveCountAsync(15);

        foreach (var format in new[] { "A4", "Letter" })
        {
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = format, PreferCSSPageSize = false });
            Assert.True(PageCount(pdf) == 1, $"The card printed on {PageCount(pdf)} {format} pages.");
        }

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var panels = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.wallet-card-panel')].map(p => {
              const r = p.getBoundingClientRect();
              return `${Math.round(r.width)}x${Math.round(r.height)} ${p.scrollHeight > p.clientHeight + 1 ? 'overflows' : 'fits'}`;
            })
            """);
        // 85.6 x 54 mm at 96 CSS pixels to the inch.
        Assert.Equal(["324x204 fits", "324x204 fits"], panels);
    }

    [Fact]
    public async Task The_print_button_opens_the_browsers_print_and_without_javascript_the_hint_says_how()
    {
        await using var signedIn = await SignedInWithLongListAsync();
        var (page, profileId) = (signedIn.Page, signedIn.ProfileId);
        await page.GotoAsync(Url($"/my/profiles/{profileId}/print"));
        await page.EvaluateAsync("() => { window.print = () => { document.body.dataset.printed = 'yes'; }; }");

        await page.GetByRole(AriaRole.Button, new() { Name = "Print" }).ClickAsync();

        Assert.Equal("yes", await page.EvaluateAsync<string>("() => document.body.dataset.printed"));
        await Expect(page.Locator("[data-print-hint]")).ToBeHiddenAsync();

        await using var noScript = await site.NewContextAsync(new() { JavaScriptEnabled = false });
        var plain = await noScript.NewPageAsync();
        await SignInAsync(plain, signedIn.Email, signedIn.Password);
        await plain.GotoAsync(Url($"/my/profiles/{profileId}/print"));
        await Expect(plain.GetByText("To print, use your browser's Print command")).ToBeVisibleAsync();
        await Expect(plain.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_print_page_the_card_and_the_import_page_have_no_axe_violations()
    {
        await using var signedIn = await SignedInWithLongListAsync();
        var (page, profileId) = (signedIn.Page, signedIn.ProfileId);
        foreach (var path in new[] { "print", "card", "import" })
        {
            await page.GotoAsync(Url($"/my/profiles/{profileId}/{path}"));
            await AccessibilityTests.AssertNoViolationsAsync(page, path);
        }

        // The import page with a preview that has a problem row: table, messages, error summary.
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "list.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("name,dose\nAspirin,1\nIbuprofen,lots\n") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show what would be added" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("1 row has problems");
        await AccessibilityTests.AssertNoViolationsAsync(page, "import with a preview");
    }

    [Fact]
    public async Task On_a_320_pixel_phone_with_the_largest_text_the_pages_fit_the_window()
    {
        await using var signedIn = await SignedInWithLongListAsync();
        var page = signedIn.Page;
        await page.SetViewportSizeAsync(320, 800);
        await page.Context.AddCookiesAsync([new() { Name = "medatlas-text-size", Value = "largest", Url = site.LocalhostAddress.ToString() }]);

        foreach (var path in new[] { "print", "card", "import" })
        {
            await page.GotoAsync(Url($"/my/profiles/{signedIn.ProfileId}/{path}"));
            Assert.Equal("text-largest", await page.Locator("html").GetAttributeAsync("class"));
            var (overflow, culprits) = await page.HorizontalOverflowAsync();
            Assert.True(overflow == 0, $"{path} is {overflow}px wider than the window. Sticking out: {culprits}");
        }
    }

    [Fact]
    public async Task The_import_page_refuses_a_file_over_the_limit_beside_the_field_before_sending_it()
    {
        await using var signedIn = await SignedInWithLongListAsync();
        var (page, profileId) = (signedIn.Page, signedIn.ProfileId);
        await page.GotoAsync(Url($"/my/profiles/{profileId}/import"));
        var requests = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
                requests++;
        };

        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "junk.csv", MimeType = "text/csv", Buffer = new byte[3 * 1024 * 1024] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show what would be added" }).ClickAsync();

        await Expect(page.Locator("#Upload-size")).ToHaveTextAsync(new Regex("This file is 3.0 MB; MedAtlas imports files up to 1 MB"));
        Assert.Contains("Upload-size", await page.Locator("#Upload").GetAttributeAsync("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.Equal(0, requests);
    }

    private string Url(string path) => new Uri(site.LocalhostAddress, path).ToString();

    /// <summary>A signed-in page whose account has a profile with <see cref="LongList"/>, an allergy and a condition.</summary>
    private async Task<SignedIn> SignedInWithLongListAsync()
    {
        var email = $"print-{Guid.NewGuid():N}@example.org";
        var password = $"plum orbit kettle {Guid.NewGuid():N}";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Printing Daughter", CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(account, password)).Succeeded);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, account.Id), new Claim(AccountClaims.DisplayNameClaim, account.DisplayName)], "test"));

        var list = scope.ServiceProvider.GetRequiredService<MedicineList>();
        var (profile, problems) = await list.CreateProfileAsync(user, new ProfileValues("Walter", Relationship.Parent, 1944, Sex.Male, 81.5m, false, false), default);
        Assert.Empty(problems);
        profile!.Allergies.Add(new ProfileAllergy { Kind = AllergyKind.Class, Target = "penicillins", Name = "Penicillins", Reaction = "hives and swelling of the lips", AddedAt = DateTime.UtcNow });
        profile.Conditions.Add(new ProfileCondition { Name = "Type 2 diabetes", AddedAt = DateTime.UtcNow });
        profile.Conditions.Add(new ProfileCondition { Name = "High blood pressure", AddedAt = DateTime.UtcNow });
        var grant = (await scope.ServiceProvider.GetRequiredService<ProfileAccess>().FindAsync(user, profile.Id, ProfileRole.Owner, default))!;
        var values = LongList.Select(m => new MedicineValues(
            m.Name, null, m.Strength, m.Dose, m.Unit, m.Often, m.Count, m.Unit is "puff" ? "inhaled" : m.Unit is "spray" ? "in the nose" : "by mouth",
            new DateOnly(2023, 5, 1), "Dr. Margaret Okonkwo-Whitfield", "Riverside Pharmacy", null, null, null, null, null, null, m.Notes.Length == 0 ? null : m.Notes)).ToList();
        var (_, medicineProblems) = await list.AddManyAsync(grant, values, user, "Added", default);
        Assert.Empty(medicineProblems);
        var (stopped, _) = await list.AddAsync(grant, new MedicineValues("Amoxicillin", null, "500 mg", 1, "capsule", DoseFrequency.TimesADay, 3, "by mouth", null, null, null, null, null, null, null, null, null, null), user, default);
        await list.SetStatusAsync(grant, stopped!, MedicineStatus.Stopped, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-20), "Rash on the second day", user, default);

        var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, password);
        return new SignedIn(context, page, profile.Id, email, password);
    }

    private async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator(".account-menu summary")).ToContainTextAsync("Printing Daughter");
    }

    private sealed record SignedIn(IBrowserContext Context, IPage Page, Guid ProfileId, string Email, string Password) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Context.DisposeAsync();
    }

    /// <summary>Pages in a PDF: its page objects (<c>/Type /Page</c>), not the page tree nodes (<c>/Type /Pages</c>).</summary>
    private static int PageCount(byte[] pdf) => PageObject().Count(Encoding.Latin1.GetString(pdf));

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();
}
