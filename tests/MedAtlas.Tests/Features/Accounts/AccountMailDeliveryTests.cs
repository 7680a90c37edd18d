using System.Net;
using MedAtlas.Tests.Infrastructure;

namespace MedAtlas.Tests.Features.Accounts;

/// <summary>The account mails as a person receives them: through the real SMTP server test.sh runs, read from its folder.</summary>
public sealed class AccountMailDeliveryTests : IAsyncLifetime
{
    private readonly MedAtlasApp app = new MedAtlasApp().WithSmtpSink();

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task The_delivered_confirmation_mail_has_a_link_that_confirms_and_then_sign_in_works()
    {
        var email = $"delivered{Guid.NewGuid():N}@example.org";
        using var visitor = new AccountVisitor(app);
        (await visitor.RegisterAsync(email, "Mail Reader", "lantern orbit meadow 42")).Dispose();

        var message = await MailSink.Shared.WaitForMailToAsync(email);
        Assert.Equal("Confirm your email address for MedAtlas", message.Subject);
        Assert.NotNull(message.TextBody);
        Assert.NotNull(message.HtmlBody);
        Assert.Contains("Hello Mail Reader,", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(email, message.HtmlBody.Replace($"mailto:{email}", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var link = MailSink.FirstLink(message);
        var page = await visitor.GetPageAsync(link.PathAndQuery);
        Assert.Contains("Your email is confirmed", page, StringComparison.Ordinal);
        using var signedIn = await visitor.SignInAsync(email, "lantern orbit meadow 42");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/account", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_delivered_reset_mail_lets_the_person_choose_a_new_password()
    {
        var email = $"reset{Guid.NewGuid():N}@example.org";
        using var visitor = new AccountVisitor(app);
        await visitor.SignUpAndSignInAsync(email, "Forgetful", "lantern orbit meadow 42");
        (await new AccountVisitor(app).PostFormAsync("/forgot-password", new Dictionary<string, string> { ["Email"] = email })).Dispose();

        var reset = (await MailSink.Shared.WaitForAsync(m => m.To.ToString().Contains(email, StringComparison.Ordinal) && (m.Subject ?? "").Contains("new MedAtlas password", StringComparison.Ordinal), 1)).Single();
        var link = MailSink.FirstLink(reset).PathAndQuery;
        using var stranger = new AccountVisitor(app);
        using var done = await stranger.PostFormAsync(link, new Dictionary<string, string> { ["Password"] = "quiet harbour violet 7" });
        Assert.Equal("/sign-in?done=reset", done.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.SignInAsync(email, "quiet harbour violet 7")).StatusCode);
    }
}
