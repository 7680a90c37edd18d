using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.MyMedicine;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.MyMedicine;

/// <summary>A sibling helps with Dad's list: invited by email, accepts, manages, and loses access when revoked.</summary>
public sealed class CaregiverTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestAccount Owner, HttpClient AsOwner, string Profile)> OwnerWithDadAsync()
    {
        var owner = await app.CreateAccountAsync("owner-{n}@example.org", "Olivia Owner");
        var id = await app.CreateProfileAsync(owner, "Dad", Relationship.Parent, 1944);
        await app.AddMedicineAsync(owner, id, "warfarin");
        return (owner, await app.SignInAsync(owner), $"/my/profiles/{id}");
    }

    private static Task<HttpResponseMessage> InviteAsync(HttpClient owner, string profile, string email, string access = "Manage") =>
        owner.PostFormAsync(profile + "/caregivers", new() { ["Email"] = email, ["Access"] = access }, profile + "/caregivers?handler=Invite");

    [Fact]
    public async Task Invite_accept_manage_and_revoke_with_two_accounts()
    {
        var (owner, asOwner, profile) = await OwnerWithDadAsync();
        var sibling = await app.CreateAccountAsync("sibling-{n}@example.org", "Sid Sibling");
        using var asSibling = await app.SignInAsync(sibling);
        Assert.Equal(HttpStatusCode.NotFound, (await asSibling.GetAsync(profile, Ct)).StatusCode);

        var invited = await InviteAsync(asOwner, profile, sibling.Email.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var link = await Mail.LinkAsync(app, sibling.Email.ToUpperInvariant(), "caregiver-invite");
        Assert.StartsWith("/my/invitations/", link, StringComparison.Ordinal);
        Assert.Contains(sibling.Email.ToUpperInvariant(), Html.Text(await asOwner.GetStringAsync(profile + "/caregivers", Ct)), StringComparison.Ordinal);

        var offer = Html.Text(await asSibling.GetStringAsync(link, Ct));
        Assert.Contains("Olivia Owner invited you to see and help manage the medicine list “Dad”", offer, StringComparison.Ordinal);
        var accepted = await asSibling.PostFormAsync(link, []);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(profile, accepted.Headers.Location!.OriginalString);
        Assert.Contains("accepted your invitation", (await Mail.ToAsync(app, owner.Email)).Last().Subject, StringComparison.Ordinal);

        // The sibling sees and manages Dad's list.
        Assert.Contains("Dad", Html.Text(await asSibling.GetStringAsync("/my", Ct)), StringComparison.Ordinal);
        Assert.Contains("Warfarin", Html.Text(await asSibling.GetStringAsync(profile, Ct)), StringComparison.Ordinal);
        var added = await asSibling.PostFormAsync(profile + "/medicines/new", new() { ["Input.Name"] = "aspirin" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var addedPage = Html.Text(await asSibling.GetStringAsync(added.Headers.Location!.OriginalString, Ct));
        Assert.Contains("Interactions (1)", addedPage, StringComparison.Ordinal);

        // The owner sees who looked and what they did.
        var caregiversPage = Html.Text(await asOwner.GetStringAsync(profile + "/caregivers", Ct));
        Assert.Contains("Sid Sibling", caregiversPage, StringComparison.Ordinal);
        Assert.Contains("View and manage", caregiversPage, StringComparison.Ordinal);
        Assert.Contains("viewed: Opened the profile", caregiversPage, StringComparison.Ordinal);
        Assert.Contains("changed: Added Aspirin", caregiversPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Olivia Owner", caregiversPage[caregiversPage.IndexOf("What others looked at", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("(Sid Sibling)", Html.Text(await asOwner.GetStringAsync(added.Headers.Location!.OriginalString.Split('?')[0], Ct)), StringComparison.Ordinal);

        // A caregiver cannot reach the owner's pages: caregivers, delete.
        Assert.Equal(HttpStatusCode.NotFound, (await asSibling.GetAsync(profile + "/caregivers", Ct)).StatusCode);

        var caregiverId = await app.WithDbAsync(db => db.Set<ProfileCaregiver>().Where(c => c.AccountId == sibling.Id).Select(c => c.Id).SingleAsync(Ct));
        var revoked = await asOwner.PostFormAsync(profile + "/caregivers", new() { ["id"] = caregiverId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, profile + "/caregivers?handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asSibling.GetAsync(profile, Ct)).StatusCode);
        Assert.DoesNotContain("Dad", Html.Text(await asSibling.GetStringAsync("/my", Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_sees_the_list_but_cannot_change_it()
    {
        var (_, asOwner, profile) = await OwnerWithDadAsync();
        var viewer = await app.CreateAccountAsync("viewer-{n}@example.org", "Vera Viewer");
        using var asViewer = await app.SignInAsync(viewer);
        await InviteAsync(asOwner, profile, viewer.Email, "View");
        await asViewer.PostFormAsync(await Mail.LinkAsync(app, viewer.Email, "caregiver-invite"), []);

        var page = await asViewer.GetStringAsync(profile, Ct);
        Assert.Contains("Warfarin", Html.Text(page), StringComparison.Ordinal);
        Assert.DoesNotContain("/medicines/new", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await asViewer.GetAsync(profile + "/medicines/new", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asViewer.GetAsync(profile + "/edit", Ct)).StatusCode);

        var left = await asViewer.PostFormAsync(profile, [], profile + "/caregivers?handler=Leave");
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asViewer.GetAsync(profile, Ct)).StatusCode);
    }

    [Fact]
    public async Task Inviting_yourself_or_the_same_person_twice_gets_a_message_beside_the_field()
    {
        var (owner, asOwner, profile) = await OwnerWithDadAsync();
        var self = await InviteAsync(asOwner, profile, owner.Email);
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Contains("That is your own email address", Html.Text(await self.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await InviteAsync(asOwner, profile, "helper@example.org")).StatusCode);
        var twice = await InviteAsync(asOwner, profile, "Helper@Example.org");
        Assert.Contains("has already been invited", Html.Text(await twice.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        var bad = await InviteAsync(asOwner, profile, "not an email");
        Assert.Contains("Enter an email address like name@example.org.", Html.Text(await bad.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Single(await Mail.ToAsync(app, "helper@example.org"));
    }

    [Fact]
    public async Task An_account_sends_at_most_twenty_invitations_a_day_so_invitations_cannot_be_used_to_send_mail()
    {
        var (owner, asOwner, profile) = await OwnerWithDadAsync();
        await app.WithDbAsync(async db =>
        {
            var profileId = Guid.Parse(profile.Split('/')[^1]);
            for (var i = 0; i < Caregivers.MaxPerDay; i++)
            {
                // Sent and cancelled, as a loop of invite-cancel-invite would leave them.
                db.Set<CaregiverInvitation>().Add(new CaregiverInvitation
                {
                    Id = Guid.NewGuid(), ProfileId = profileId, Email = $"x{i}@example.org", NormalizedEmail = $"X{i}@EXAMPLE.ORG", TokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
                    InvitedByAccountId = owner.Id, CreatedAt = DateTime.UtcNow.AddMinutes(-5), ExpiresAt = DateTime.UtcNow.AddDays(14), RevokedAt = DateTime.UtcNow,
                });
            }

            return await db.SaveChangesAsync(Ct);
        });

        var refused = await InviteAsync(asOwner, profile, "one-more@example.org");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("the most MedAtlas sends for one account in a day", Html.Text(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Empty(await Mail.ToAsync(app, "one-more@example.org"));
    }

    [Fact]
    public async Task An_accepted_invitation_used_by_another_account_gets_a_message_and_no_access()
    {
        var (_, asOwner, profile) = await OwnerWithDadAsync();
        var first = await app.CreateAccountAsync("first-{n}@example.org", "Fay First");
        var second = await app.CreateAccountAsync("second-{n}@example.org", "Sam Second");
        await InviteAsync(asOwner, profile, first.Email);
        var link = await Mail.LinkAsync(app, first.Email, "caregiver-invite");
        using var asFirst = await app.SignInAsync(first);
        await asFirst.PostFormAsync(link, []);

        using var asSecond = await app.SignInAsync(second);
        Assert.Contains("already been accepted by another account", Html.Text(await asSecond.GetStringAsync(link, Ct)), StringComparison.Ordinal);
        var token = AccountTestClient.TokenIn(await asSecond.GetStringAsync("/my", Ct))!;
        var stolen = await asSecond.PostWithTokenAsync(link, token, []);
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asSecond.GetAsync(profile, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_visitor_opening_the_link_is_asked_to_sign_in_and_a_cancelled_link_stops_working()
    {
        var (_, asOwner, profile) = await OwnerWithDadAsync();
        await InviteAsync(asOwner, profile, "later@example.org");
        var link = await Mail.LinkAsync(app, "later@example.org", "caregiver-invite");

        using var visitor = app.NewClient();
        var page = await visitor.GetAsync(link, Ct);
        Assert.True(page.Headers.CacheControl is { NoStore: true, Public: false }, page.Headers.CacheControl?.ToString());
        Assert.Contains("Sign in to accept", Html.Text(await page.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        var id = await app.WithDbAsync(db => db.Set<CaregiverInvitation>().Where(i => i.Email == "later@example.org").Select(i => i.Id).SingleAsync(Ct));
        await asOwner.PostFormAsync(profile + "/caregivers", new() { ["id"] = id.ToString() }, profile + "/caregivers?handler=Cancel");
        Assert.Contains("not valid any more", Html.Text(await visitor.GetStringAsync(link, Ct)), StringComparison.Ordinal);
        Assert.Contains("not valid any more", Html.Text(await visitor.GetStringAsync("/my/invitations/made-up-token", Ct)), StringComparison.Ordinal);
    }
}
