using MedAtlas.BrowserTests.Features.Shell;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.HealthCenters;

/// <summary>
/// The editorial workflow in Chromium with four people: a Writer drafts an article (with a hostile line that must stay
/// inert), a Medical reviewer sends it back, the Writer fixes it, the reviewer approves, an Editor schedules it, and a
/// visitor reads it once its time has come, with the review line; each kind of page passes axe.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class EditorialBrowserTests(BrowserSite site)
{
    private const string Password = "a long browser passphrase for editors";

    [Fact]
    public async Task Writer_reviewer_and_editor_take_an_article_to_readers_and_every_page_passes_axe()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var slug = $"sun-safety-{tag}";

        await using var writer = await SignedInAsync($"writer-{tag}", "Willa Writer", StaffRoles.Writer);
        var page = writer.Pages[0];
        await page.GotoAsync(Url("/admin/content"));
        await AccessibilityTests.AssertNoViolationsAsync(page, "/admin/content");

        await page.GetByLabel("Title").FillAsync("Sun Safety with Diabetes");
        await page.GetByLabel("Address").FillAsync("Not a slug!");
        await page.GetByLabel("Health center").SelectOptionAsync("diabetes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the draft" }).ClickAsync();
        await Expect(page.Locator("#Input_Slug-error")).ToContainTextAsync("lower-case letters");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/admin/content with a problem");
        await page.GetByLabel("Address").FillAsync(slug);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the draft" }).ClickAsync();
        await Expect(page.Locator("main .notice-success")).ToContainTextAsync("Draft started");

        await page.GetByLabel("Summary").FillAsync("Heat and sun change how insulin and blood sugar behave.");
        await page.GetByLabel("Text (Markdown)").FillAsync(
            "Heat can change how fast insulin is absorbed.[^1]\n\n## Before you go out\n\nCarry water.<img src=x onerror=\"window.hostileEditor=1\"><script>window.hostileEditor=2</script>\n\n"
            + "[^1]: Centers for Disease Control and Prevention (CDC). \"Managing Diabetes in the Heat.\" https://www.cdc.gov/diabetes/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        await Expect(page.Locator("main .notice-success")).ToContainTextAsync("Draft saved.");
        await Expect(page.Locator("#before-you-go-out")).ToHaveCountAsync(1);
        Assert.False(await page.EvaluateAsync<bool>("() => 'hostileEditor' in window"), "a script in the draft ran in the editor");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/admin/content/revisions/{id} (draft)");
        var revisionUrl = page.Url.Split('?')[0];

        await page.GetByRole(AriaRole.Button, new() { Name = "Send for medical review" }).ClickAsync();
        await Expect(page.Locator("main .notice-success")).ToContainTextAsync("Sent for medical review");

        await using var reviewer = await SignedInAsync($"reviewer-{tag}", "Rory Reviewer", StaffRoles.MedicalReviewer);
        var review = reviewer.Pages[0];
        await review.GotoAsync(Url("/admin/content"));
        await review.GetByRole(AriaRole.Region, new() { Name = "Waiting for my review" }).GetByRole(AriaRole.Link, new() { Name = "Sun Safety with Diabetes" }).ClickAsync();
        await AccessibilityTests.AssertNoViolationsAsync(review, "/admin/content/revisions/{id} (in review)");
        await review.GetByRole(AriaRole.Button, new() { Name = "Send back to the author" }).ClickAsync();
        await Expect(review.Locator("#sendback-comment-error")).ToContainTextAsync("Say what needs to change.");
        await review.GetByLabel("What needs to change").FillAsync("Say to keep insulin out of direct sun.");
        await review.GetByRole(AriaRole.Button, new() { Name = "Send back to the author" }).ClickAsync();
        await Expect(review.Locator("main .notice-success")).ToContainTextAsync("Sent back");

        // The writer reads the comment in the history, fixes the draft and sends it again.
        await page.GotoAsync(revisionUrl);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "History" })).ToContainTextAsync("Say to keep insulin out of direct sun.");
        await page.GetByLabel("Text (Markdown)").FillAsync(
            "Heat can change how fast insulin is absorbed.[^1] Keep insulin out of direct sun.\n\n## Before you go out\n\nCarry water.\n\n"
            + "[^1]: Centers for Disease Control and Prevention (CDC). \"Managing Diabetes in the Heat.\" https://www.cdc.gov/diabetes/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send for medical review" }).ClickAsync();
        await Expect(page.Locator("main .notice-success")).ToContainTextAsync("Sent for medical review");

        await review.GotoAsync(revisionUrl);
        await review.GetByRole(AriaRole.Button, new() { Name = "Approve (I reviewed it medically)" }).ClickAsync();
        await Expect(review.Locator("main .notice-success")).ToContainTextAsync("Approved");

        // The editor schedules it; it is not public until its time, then the job publishes it.
        await using var editor = await SignedInAsync($"editor-{tag}", "Edie Editor", StaffRoles.Editor);
        var publish = editor.Pages[0];
        await publish.GotoAsync(revisionUrl);
        await publish.GetByLabel("Publish at (UTC, optional)").FillAsync(
            DateTime.UtcNow.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await publish.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(publish.Locator("main .notice-success")).ToContainTextAsync("Scheduled");
        await using var visitor = await site.NewContextAsync();
        var reader = await visitor.NewPageAsync();
        Assert.Equal(404, (await reader.GotoAsync($"/health/diabetes/{slug}"))!.Status);

        var revisionId = int.Parse(revisionUrl[(revisionUrl.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            // Two hours pass.
            await scope.ServiceProvider.GetRequiredService<MedAtlas.Web.Infrastructure.Data.MedAtlasDbContext>().Set<MedAtlas.Web.Features.HealthCenters.ContentRevision>()
                .Where(r => r.Id == revisionId).ExecuteUpdateAsync(u => u.SetProperty(r => r.PublishAt, DateTimeOffset.UtcNow.AddSeconds(-1)), TestContext.Current.CancellationToken);
        }

        site.Services.GetRequiredService<MedAtlas.Web.Infrastructure.Jobs.JobTriggers>().Wake(MedAtlas.Web.Features.HealthCenters.Editorial.ScheduledPublisher.JobName);
        await MedAtlas.Tests.Infrastructure.Eventually.WaitAsync(
            async () => (await reader.GotoAsync($"/health/diabetes/{slug}"))!.Status, status => status == 200, "the scheduled article to be published");
        await publish.ReloadAsync();
        await Expect(publish.GetByRole(AriaRole.Region, new() { Name = "History" })).ToContainTextAsync("Scheduled publication published it");

        // A new draft of the published article, compared side by side with it.
        await publish.GetByRole(AriaRole.Button, new() { Name = "Edit: start a new draft from this revision" }).ClickAsync();
        await publish.GetByLabel("Title").FillAsync("Sun and Heat Safety with Diabetes");
        await publish.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        await publish.GetByRole(AriaRole.Link, new() { Name = "compare with this one" }).First.ClickAsync();
        await Expect(publish.Locator("main ins").First).ToContainTextAsync("Sun and Heat Safety with Diabetes");
        await AccessibilityTests.AssertNoViolationsAsync(publish, "/admin/content/revisions/{id}/diff/{against}");

        await reader.GotoAsync($"/health/diabetes/{slug}");
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sun Safety with Diabetes");
        await Expect(reader.Locator("main")).ToContainTextAsync("Medically reviewed by Rory Reviewer");
        Assert.False(await reader.EvaluateAsync<bool>("() => 'hostileEditor' in window"), "a script in the article ran for a reader");
    }

    private string Url(string path) => new Uri(site.LocalhostAddress, path).ToString();

    private async Task<IBrowserContext> SignedInAsync(string name, string displayName, string role)
    {
        var email = $"{name}@example.org";
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
            var account = new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(account, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(account, role)).Succeeded);
        }

        var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator(".account-menu summary")).ToBeVisibleAsync();
        return context;
    }
}
