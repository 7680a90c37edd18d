using System.Net;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Accounts;

public sealed class AdminJobsTests(AdminJobsTests.JobsOffApp app) : IClassFixture<AdminJobsTests.JobsOffApp>
{
    /// <summary>The job host is off, so the run record this test writes is what the page shows.</summary>
    public sealed class JobsOffApp : AccountsApp
    {
        public JobsOffApp() => WithSetting("Jobs:Enabled", "false");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_sees_jobs_and_failed_mail_with_a_masked_address_and_retries_it()
    {
        var admin = await app.CreateAccountAsync("jobs-admin-{n}@example.org", "Jo Jobs", roles: StaffRoles.Admin);
        using var client = await app.SignInAsync(admin);
        var mailId = await app.WithDbAsync(async db =>
        {
            db.Add(new JobState { Name = OutboxSender.JobName, LastStartedAt = DateTime.UtcNow, LastFinishedAt = DateTime.UtcNow, LastDurationMs = 42, LastError = "SMTP refused", ConsecutiveFailures = 3 });
            var mail = new OutboxMessage
            {
                Key = "test-failed:" + Guid.NewGuid(), Kind = "reset-password", To = "alice.secret@example.org", Subject = "s", TextBody = "t", HtmlBody = "h",
                Status = OutboxStatus.Failed, Attempts = 7, LastError = "mailbox unavailable", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow.AddDays(1),
            };
            db.Add(mail);
            await db.SaveChangesAsync(Ct);
            return mail.Id;
        });

        var page = Html.Text(await client.GetStringAsync("/admin/jobs", Ct));

        Assert.Contains(OutboxSender.JobName, page, StringComparison.Ordinal);
        Assert.Contains("SMTP refused", page, StringComparison.Ordinal);
        Assert.Contains("a***@example.org", page, StringComparison.Ordinal);
        Assert.DoesNotContain("alice.secret", page, StringComparison.Ordinal);
        Assert.Contains("mailbox unavailable", page, StringComparison.Ordinal);

        var retried = await client.PostFormAsync("/admin/jobs", new() { ["id"] = mailId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin/jobs?handler=Retry");
        var row = await app.WithDbAsync(db => db.Set<OutboxMessage>().SingleAsync(m => m.Id == mailId, Ct));
        var again = await client.PostFormAsync("/admin/jobs", new() { ["id"] = mailId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin/jobs?handler=Retry");

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(0, row.Attempts);
        Assert.True(row.NextAttemptAt <= DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory]
    [InlineData("alice@example.org", "a***@example.org")]
    [InlineData("b@x.io", "b***@x.io")]
    [InlineData("not-an-address", "***")]
    public void Addresses_are_masked_to_the_first_letter_and_the_domain(string address, string masked) =>
        Assert.Equal(masked, MedAtlas.Web.Infrastructure.Text.AddressMask.Mask(address));
}
