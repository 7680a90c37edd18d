using MedAtlas.BrowserTests.Features.Shell;
using MedAtlas.BrowserTests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace MedAtlas.BrowserTests.Features.HealthCenters;

/// <summary>The media library in Chromium, signed in as a Writer: a refused upload and an accepted one; axe on each state.</summary>
[Collection(SharedBrowser.Name)]
public sealed class MediaLibraryBrowserTests(BrowserSite site)
{
    private const string Password = "a long browser passphrase for media";
    private const string Path = "/admin/content/media";

    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(640, 400);
        bitmap.Erase(SKColors.SeaGreen);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    [Fact]
    public async Task A_writer_uploads_an_image_and_the_library_passes_axe_with_an_error_and_with_the_image()
    {
        var email = $"media-writer-{Guid.NewGuid():N}@example.org";
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(StaffRoles.Writer))
                await roles.CreateAsync(new IdentityRole(StaffRoles.Writer));
            var account = new Account { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Wren Writer", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(account, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(account, StaffRoles.Writer)).Succeeded);
        }

        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(site.LocalhostAddress, "/sign-in").ToString());
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.Locator(".account-menu summary")).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(site.LocalhostAddress, Path).ToString());
        await AccessibilityTests.AssertNoViolationsAsync(page, Path);

        await page.GetByLabel("Image file").SetInputFilesAsync(new FilePayload { Name = "page.png", MimeType = "image/png", Buffer = "<html><script>alert(1)</script></html>"u8.ToArray() });
        await page.GetByLabel("Alt text").FillAsync("Not really an image");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload the image" }).ClickAsync();
        await Expect(page.Locator("#Upload-error")).ToContainTextAsync("The file is not a JPEG, PNG, WebP or GIF image.");
        await AccessibilityTests.AssertNoViolationsAsync(page, Path + " with a refused file");

        await page.GetByLabel("Image file").SetInputFilesAsync(new FilePayload { Name = "green.png", MimeType = "image/png", Buffer = Png() });
        await page.GetByLabel("Alt text").FillAsync("A plain green rectangle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload the image" }).ClickAsync();
        await Expect(page.Locator("main .notice-success")).ToContainTextAsync("“A plain green rectangle” is in the library.");
        var image = page.GetByRole(AriaRole.Img, new() { Name = "A plain green rectangle" }).First;
        await Expect(image).ToBeVisibleAsync();
        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the uploaded image did not load");
        await AccessibilityTests.AssertNoViolationsAsync(page, Path + " with an image");
    }
}
