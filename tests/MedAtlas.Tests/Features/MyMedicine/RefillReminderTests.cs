using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.MyMedicine;

/// <summary>"Email me 5 days before it runs out": once per refill, to the owner, never for a stopped medicine.</summary>
public sealed class RefillReminderTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Runs the job the way the job host does: a fresh scope per run (here two at once, as two nodes would).</summary>
    private async Task RunJobAsync(int nodes = 1) =>
        await Task.WhenAll(Enumerable.Range(0, nodes).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RefillReminders>().RunAsync(Ct);
        }));

    /// <summary>The job host runs the job once as the app starts; a test that must see no reminder waits that run out
    /// first, or it could send one for the data the test is still arranging.</summary>
    private async Task StartupRunFinishedAsync() =>
        await Eventually.WaitAsync(
            () => app.WithDbAsync(db => db.Set<JobState>().AsNoTracking().FirstOrDefaultAsync(j => j.Name == RefillReminders.JobName, Ct)),
            s => s is { LastFinishedAt: not null },
            "the start-up run of the refill reminder job");

    private Task<List<OutboxMessage>> RemindersAsync(string email) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.To == email && m.Kind == "refill-reminder").ToListAsync(Ct));

    [Fact]
    public async Task A_reminder_is_sent_once_per_refill_however_often_the_job_runs()
    {
        var owner = await app.CreateAccountAsync("refill-{n}@example.org", "Rita Refill");
        var profile = await app.CreateProfileAsync(owner, "Grandpa");
        var medicine = await app.AddMedicineAsync(owner, profile, "atorvastatin",
            MyMedicineFixtures.Medicine("atorvastatin") with { StartDate = Today.AddDays(-27), DaysSupply = 30, RemindDaysBefore = 5 });
        await app.AddMedicineAsync(owner, profile, "lisinopril",
            MyMedicineFixtures.Medicine("lisinopril") with { StartDate = Today, DaysSupply = 30, RemindDaysBefore = 5 });

        await RunJobAsync(nodes: 2);
        await RunJobAsync();

        var mail = Assert.Single(await RemindersAsync(owner.Email));
        Assert.Contains("Grandpa: Atorvastatin runs out on", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Runs out in 3 days", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/my/profiles/{profile}/medicines/{medicine}", mail.TextBody, StringComparison.Ordinal);

        // A refill moves the run-out date 30 days on: no reminder now, and the next one has a key of its own.
        using var client = await app.SignInAsync(owner);
        var page = $"/my/profiles/{profile}/medicines/{medicine}";
        await client.PostFormAsync(page, [], page + "?handler=Refill");
        await RunJobAsync();
        Assert.Single(await RemindersAsync(owner.Email));
        Assert.Contains("Runs out in 30 days", Html.Text(await client.GetStringAsync(page, Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_medicine_gets_no_reminder()
    {
        await StartupRunFinishedAsync();
        var owner = await app.CreateAccountAsync("refill-stop-{n}@example.org", "Stan Stop");
        var profile = await app.CreateProfileAsync(owner, "Me", Relationship.Self);
        var medicine = await app.AddMedicineAsync(owner, profile, "amoxicillin",
            MyMedicineFixtures.Medicine("amoxicillin") with { StartDate = Today.AddDays(-8), DaysSupply = 10, RemindDaysBefore = 3 });
        using var client = await app.SignInAsync(owner);
        var page = $"/my/profiles/{profile}/medicines/{medicine}";
        await client.PostFormAsync(page, new() { ["Reason"] = "course finished" }, page + "?handler=Stop");

        await RunJobAsync();
        Assert.Empty(await RemindersAsync(owner.Email));
    }

    [Fact]
    public async Task A_reminder_without_a_way_to_know_the_run_out_date_is_refused_beside_the_field()
    {
        var owner = await app.CreateAccountAsync("refill-bad-{n}@example.org", "Bea Bad");
        var profile = await app.CreateProfileAsync(owner, "Me", Relationship.Self);
        using var client = await app.SignInAsync(owner);
        var response = await client.PostFormAsync($"/my/profiles/{profile}/medicines/new", new() { ["Input.Name"] = "ibuprofen", ["Input.RemindDaysBefore"] = "3" });

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A reminder needs the days' supply", Html.Text(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }
}
