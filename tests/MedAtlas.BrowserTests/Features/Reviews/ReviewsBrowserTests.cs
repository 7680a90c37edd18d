using MedAtlas.BrowserTests.Features.Shell;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.Reviews;

/// <summary>
/// Drug reviews in Chromium, as three people use them: a patient writes a review (with markup in it, which must stay
/// text) and finds it on the drug page; a second person reports it; a moderator hides it from the queue, and the
/// public list no longer has it while its author still sees it, marked. axe checks each new kind of page on the way.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class ReviewsBrowserTests(BrowserSite site)
{
    private const string Password = "a reviewer passphrase long enough";

    /// <summary>Markup a hostile writer might try: shown as the characters they typed, never run.</summary>
    private const string Markup = "<script>window.__reviewScript = 1</script><img src=x onerror=\"window.__reviewScript = 2\">";

    [Fact]
    public async Task A_review_is_written_shown_reported_and_hidden_by_a_moderator()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var writer = await AccountAsync($"writer-{tag}", $"Wren {tag}", daysOld: 60);
        var reporter = await AccountAsync($"reporter-{tag}", $"Rory {tag}", daysOld: 60);
        var moderator = await AccountAsync($"moderator-{tag}", $"Mona {tag}", daysOld: 60, StaffRoles.Moderator);
        var words = $"Sertraline helped my low mood after about four weeks ({tag}). The first days brought some nausea.";

        // The writer: the form, every field a person fills, and the result on the reviews page.
        await using var writing = await site.NewContextAsync();
        var page = await SignInAsync(writing, writer);
        var scriptRan = false;
        page.Dialog += (_, dialog) => { scriptRan = true; _ = dialog.DismissAsync(); };
        await page.GotoAsync(Url("/drugs/sertraline/reviews/write"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Sertraline");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/drugs/{slug}/reviews/write");
        await page.GetByLabel("The condition you took it for").SelectOptionAsync(new SelectOptionValue { Label = "Depression" });
        await page.Locator("#Input_Effectiveness_4").CheckAsync();
        await page.Locator("#Input_EaseOfUse_5").CheckAsync();
        await page.Locator("#Input_Satisfaction_4").CheckAsync();
        await page.GetByLabel("Your experience").FillAsync(words + "\n\n" + Markup);
        await page.GetByLabel("Nausea", new() { Exact = false }).First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Post my review" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/drugs/sertraline/reviews", StringComparison.Ordinal) && !url.Contains("/write", StringComparison.Ordinal));
        var review = page.Locator("article.review", new() { HasText = tag });
        await Expect(review).ToBeVisibleAsync();
        await Expect(review).ToContainTextAsync($"Wren {tag}");
        // The markup is on the page as the characters typed, and made no element and ran nothing.
        await Expect(review.Locator(".review-text")).ToContainTextAsync("<script>window.__reviewScript = 1</script>");
        Assert.Equal(0, await review.Locator(".review-text script, .review-text img").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__reviewScript ?? null"));
        await AccessibilityTests.AssertNoViolationsAsync(page, "/drugs/{slug}/reviews");

        // The drug page's "Patient reviews" section has it.
        await page.GotoAsync(Url("/drugs/sertraline"));
        await Expect(page.Locator("main")).ToContainTextAsync(tag);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__reviewScript ?? null"));
        Assert.False(scriptRan);

        // A second person reports it from the list.
        await using var reporting = await site.NewContextAsync();
        var other = await SignInAsync(reporting, reporter);
        await other.GotoAsync(Url("/drugs/sertraline/reviews"));
        await other.Locator("article.review", new() { HasText = tag }).GetByRole(AriaRole.Link, new() { Name = "Report this review" }).ClickAsync();
        await AccessibilityTests.AssertNoViolationsAsync(other, "/report/{type}/{id}");
        await other.GetByLabel("Spam", new() { Exact = false }).First.CheckAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await Expect(other.Locator("main")).ToContainTextAsync("moderator");

        // The moderator finds it in the Reported queue and hides it.
        await using var moderating = await site.NewContextAsync();
        var desk = await SignInAsync(moderating, moderator);
        await desk.GotoAsync(Url("/moderation"));
        await AccessibilityTests.AssertNoViolationsAsync(desk, "/moderation");
        await desk.GetByRole(AriaRole.Link, new() { Name = "Reported", Exact = false }).First.ClickAsync();
        await desk.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Review of Sertraline", Exact = false }).First.ClickAsync();
        await Expect(desk.Locator("main")).ToContainTextAsync(tag);
        await AccessibilityTests.AssertNoViolationsAsync(desk, "/moderation/cases/{id}");
        await desk.GetByRole(AriaRole.Form, new() { Name = "Hide" }).GetByRole(AriaRole.Button, new() { Name = "Hide" }).ClickAsync();
        await Expect(desk.Locator("main")).ToContainTextAsync("Hidden");

        // Gone from the public list; its author still sees it, with its state.
        await using var visiting = await site.NewContextAsync();
        var visitor = await visiting.NewPageAsync();
        await visitor.GotoAsync(Url("/drugs/sertraline/reviews"));
        await Expect(visitor.Locator("main")).Not.ToContainTextAsync(tag);
        await page.GotoAsync(Url("/drugs/sertraline/reviews"));
        var mine = page.Locator("article.review", new() { HasText = tag });
        await Expect(mine).ToBeVisibleAsync();
        await Expect(mine.Locator(".review-state").First).ToContainTextAsync("Hidden");
        await Expect(mine.GetByRole(AriaRole.Link, new() { Name = "Appeal this decision", Exact = false })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_new_writers_held_review_its_edit_history_and_the_moderation_pages_pass_axe()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var writer = await AccountAsync($"newcomer-{tag}", $"Nell {tag}", daysOld: 0);
        var moderator = await AccountAsync($"moderator2-{tag}", $"Milo {tag}", daysOld: 60, StaffRoles.Moderator);

        // A brand-new account's first review waits for a moderator, and the writer is told so (keyboard only).
        await using var writing = await site.NewContextAsync();
        var page = await SignInAsync(writing, writer);
        await page.GotoAsync(Url("/drugs/metformin/reviews/write"));
        await page.GetByLabel("The condition you took it for").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        foreach (var field in new[] { "Effectiveness", "EaseOfUse", "Satisfaction" })
            await page.Locator($"#Input_{field}_3").CheckAsync();
        await page.GetByLabel("Your experience").FillAsync($"Metformin upset my stomach for the first month ({tag}), then it settled down.");
        await page.GetByLabel("I had a serious side effect", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Post my review" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your review is waiting for a moderator" })).ToBeVisibleAsync();
        // A serious side effect: the page points to MedWatch.
        await Expect(page.Locator("main")).ToContainTextAsync("MedWatch");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/drugs/{slug}/reviews/{id}/saved (held, serious side effect)");
        await page.GotoAsync(Url("/account/moderation"));
        await Expect(page.Locator("main")).ToContainTextAsync("Metformin");
        await AccessibilityTests.AssertNoViolationsAsync(page, "/account/moderation");

        // The moderator approves it from the Held queue; the log says so.
        await using var moderating = await site.NewContextAsync();
        var desk = await SignInAsync(moderating, moderator);
        await desk.GotoAsync(Url("/moderation?queue=held"));
        await desk.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Review of Metformin", Exact = false }).First.ClickAsync();
        await Expect(desk.Locator("main")).ToContainTextAsync(tag);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();
        await desk.GotoAsync(Url("/moderation/log"));
        await Expect(desk.Locator("main")).ToContainTextAsync("Approved");
        await AccessibilityTests.AssertNoViolationsAsync(desk, "/moderation/log");

        // The writer edits it; the history shows both versions and what changed; the review's own page is public now.
        await page.GotoAsync(Url("/drugs/metformin/reviews"));
        var review = page.Locator("article.review", new() { HasText = tag });
        await review.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = false }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Edit your review of Metformin" })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page, "/drugs/{slug}/reviews/{id}/edit");
        await page.GetByLabel("Your experience").FillAsync($"Metformin upset my stomach for two months ({tag}), then it settled down for good.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my review" }).ClickAsync();
        await page.GotoAsync(Url("/drugs/metformin/reviews"));
        await page.Locator("article.review", new() { HasText = tag }).GetByRole(AriaRole.Link, new() { Name = "edited" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("What changed in the text since version 1");
        await Expect(page.Locator(".text-diff ins").First).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page, "/drugs/{slug}/reviews/{id}/history");

        await using var visiting = await site.NewContextAsync();
        var visitor = await visiting.NewPageAsync();
        await visitor.GotoAsync(Url("/drugs/metformin/reviews"));
        await visitor.Locator("article.review", new() { HasText = tag }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(visitor.Locator("main")).ToContainTextAsync("for two months");
        await AccessibilityTests.AssertNoViolationsAsync(visitor, "/drugs/{slug}/reviews/{id}");
        await visitor.GotoAsync(Url("/conditions/type-2-diabetes?sort=satisfaction"));
        await AccessibilityTests.AssertNoViolationsAsync(visitor, "/conditions/{slug}?sort=satisfaction");
    }

    private string Url(string path) => new Uri(site.LocalhostAddress, path).ToString();

    private async Task<IPage> SignInAsync(IBrowserContext context, (string Email, string Name) account)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Email address").FillAsync(account.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator(".account-menu summary")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A confirmed account, older than the trust rules' "new account" (so its first review is not held).</summary>
    private async Task<(string Email, string Name)> AccountAsync(string local, string name, int daysOld, params string[] roles)
    {
        var email = $"{local}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var roleStore = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in roles.Where(r => !roleStore.RoleExistsAsync(r).GetAwaiter().GetResult()))
            Assert.True((await roleStore.CreateAsync(new IdentityRole(role))).Succeeded);
        var account = new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = DateTime.UtcNow.AddDays(-daysOld) };
        Assert.True((await users.CreateAsync(account, Password)).Succeeded);
        foreach (var role in roles)
            Assert.True((await users.AddToRoleAsync(account, role)).Succeeded);
        return (email, name);
    }
}
