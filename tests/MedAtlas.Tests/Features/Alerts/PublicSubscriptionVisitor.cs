using System.Net;
using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>What the public-subscription tests do as a visitor and as the clock: fill in /alerts/subscribe, run the mail job, wait for the outbox.</summary>
internal static class PublicSubscriptionVisitor
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts the subscribe form as a browser does (its anti-forgery token first); drugs go in the fields in order.</summary>
    public static async Task<HttpResponseMessage> SubscribeAsync(this AccountVisitor visitor, string email, bool allClassI, params string[] drugs)
    {
        var fields = new Dictionary<string, string> { ["Email"] = email };
        if (allClassI)
            fields["AllClassI"] = "true";
        for (var i = 0; i < drugs.Length; i++)
            fields[$"Drugs[{i}]"] = drugs[i];
        return await visitor.PostFormAsync("/alerts/subscribe", fields);
    }

    /// <summary>A client with no cookies that follows no redirect: what a mail provider's one-click POST is.</summary>
    public static HttpClient BareClient(this MedAtlasApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>Wakes the public mail job and waits for a run that started after the wake to finish, without error.</summary>
    public static async Task RunPublicMailAsync(this MedAtlasApp app)
    {
        var woken = DateTime.UtcNow;
        app.Services.GetRequiredService<JobTriggers>().Wake(AlertJobs.PublicMail);
        var state = await Eventually.WaitAsync(
            () => app.WithDbAsync(db => db.Set<JobState>().AsNoTracking().FirstOrDefaultAsync(j => j.Name == AlertJobs.PublicMail, Ct)),
            s => s is { LastStartedAt: { } started, LastFinishedAt: { } finished } && started >= woken && finished >= started,
            "a run of the public mail job after the wake");
        Assert.Null(state!.LastError);
    }

    /// <summary>Waits until the outbox has sent everything queued, so what the sink holds is all there will be.</summary>
    public static async Task OutboxSentAsync(this MedAtlasApp app) =>
        await Eventually.WaitAsync(
            () => app.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Pending, Ct)),
            pending => pending == 0, "the outbox to send every queued mail");

    public static async Task<string> PageTextAsync(this HttpResponseMessage response)
    {
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        return Html.Text(await response.Content.ReadAsStringAsync(Ct));
    }
}
