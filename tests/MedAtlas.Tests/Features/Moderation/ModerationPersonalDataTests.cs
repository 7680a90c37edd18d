using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Moderation;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Tests.Features.Moderation;

/// <summary>Moderation's rows in "download my data" and what "delete my account" leaves: the report still counts, the log keeps what happened without who.</summary>
public sealed class ModerationPersonalDataTests(ModerationApp app) : IClassFixture<ModerationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_download_holds_reports_cases_and_sanctions_and_deleting_the_accounts_keeps_the_record_without_them()
    {
        var author = await app.WriterAsync("Erin Export");
        var reviewId = await app.ReviewAsync(author);
        var reporterAccount = await app.WriterAsync("Rene Reporter");
        var moderatorAccount = await app.ModeratorAsync("Morgan Gone");
        using var reporter = await app.SignInAsync(reporterAccount);
        using var asAuthor = await app.SignInAsync(author);
        using var moderator = await app.SignInAsync(moderatorAccount);
        using var stays = await app.SignInAsync(await app.ModeratorAsync("Stella Stays"));
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.ReportAsync(reviewId, nameof(ReportReason.PersonalInformation), "It names the nurse at my clinic.")).StatusCode);
        var caseId = await app.CaseIdAsync(reviewId);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ActAsync(caseId, ModerationActions.Remove, "It names a member of staff.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ActAsync(caseId, ModerationActions.Warn, "Please leave other people's names out.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await asAuthor.PostWithTokenAsync("/account/moderation?handler=Appeal", await asAuthor.GetFormTokenAsync("/account"),
            new() { ["id"] = caseId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["text"] = "I can take the name out if you restore it." })).StatusCode);

        var reporterData = await reporter.DownloadedPartAsync("moderation");
        var authorData = await asAuthor.DownloadedPartAsync("moderation");

        var report = reporterData.GetProperty("reports")[0];
        Assert.Equal("Shares someone's personal information", report.GetProperty("reason").GetString());
        Assert.Equal("It names the nurse at my clinic.", report.GetProperty("note").GetString());
        Assert.Contains((await app.DrugAsync()).Name, report.GetProperty("what").GetString(), StringComparison.Ordinal);
        var mine = authorData.GetProperty("casesAboutYourWriting")[0];
        Assert.Equal("Removed", mine.GetProperty("state").GetString());
        Assert.Equal("It names a member of staff.", mine.GetProperty("decisionReason").GetString());
        Assert.Equal("I can take the name out if you restore it.", mine.GetProperty("appealText").GetString());
        Assert.Equal("Please leave other people's names out.", authorData.GetProperty("warningsAndSuspensions")[0].GetProperty("reason").GetString());

        foreach (var client in new[] { reporter, asAuthor, moderator })
            Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/account/delete", new() { ["Confirm"] = "DELETE" })).StatusCode);

        var page = await stays.TextAsync($"/moderation/cases/{caseId}");
        Assert.Contains("Reports (0 open, 1 total)", page, StringComparison.Ordinal);
        Assert.Contains("It names the nurse at my clinic.", page, StringComparison.Ordinal);
        Assert.Contains("Removed, by deleted account: It names a member of staff.", page, StringComparison.Ordinal);
        Assert.Contains("Author " + ModerationQueues.DeletedAccount, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Rene Reporter", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Morgan Gone", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Morgan Gone", await stays.TextAsync("/moderation/log"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<AuthorSanction>().CountAsync(s => s.AccountId == author.Id, Ct)));
    }
}
