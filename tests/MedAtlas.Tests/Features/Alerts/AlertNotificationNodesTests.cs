using MedAtlas.Tests.Features.Accounts;
using MedAtlas.Tests.Features.MyMedicine;
using MedAtlas.Tests.Infrastructure;
using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Alerts.Notifications;
using MedAtlas.Web.Features.MyMedicine;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Features.Alerts;

/// <summary>
/// Two app instances on one database (PostgreSQL in test.sh's second suite) running the notifier at the same moment,
/// twice each, past the single-node lease: the unique keys alone keep one notification and one mail per person and alert.
/// </summary>
public sealed class AlertNotificationNodesTests
{
    private const int People = 40;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MedAtlasApp Node(TestDatabase database)
    {
        var days = DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - new DateOnly(2025, 12, 1).DayNumber;
        var app = new MedAtlasApp(database.Share())
            .WithSetting("Jobs:Enabled", "false")
            .WithSetting("Alerts:NotifyWithinDays", days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        app.InitializeAsync().AsTask().GetAwaiter().GetResult();
        app.CreateClient().Dispose();
        return app;
    }

    [Fact]
    public async Task Two_nodes_running_the_notifier_at_once_tell_each_person_once_per_alert()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var first = Node(database);
        await using var second = Node(database);
        var people = new List<TestAccount>();
        for (var i = 0; i < People; i++)
        {
            var person = await first.CreateAccountAsync($"nodes-{i}-{{n}}@example.org", $"Person {i}");
            var profile = await first.CreateProfileAsync(person, "Me", Relationship.Self, 1970);
            await first.AddMedicineAsync(person, profile, "lisinopril");
            await first.AddMedicineAsync(person, profile, "Testapril", MyMedicineFixtures.Medicine("Testapril") with { Ndc = "99999-0101-90" });
            await using var scope = first.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetServices<IEmailList>().Single(l => l.Key == "alerts").SetAsync(person.Id, true, Ct);
            people.Add(person);
        }

        var (exitCode, output) = await first.RunCommandAsync("import", "openfda-enforcement", SharedData.Fixture("openfda-enforcement", "notify.json"));
        Assert.True(exitCode == 0, output);

        await Task.WhenAll(new[] { first, second, first, second }.Select(async node =>
        {
            await using var scope = node.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AlertNotifier>().RunAsync(Ct);
        }));

        var ids = people.Select(p => p.Id).ToList();
        var notifications = await second.WithDbAsync(db => db.Set<AlertNotification>().AsNoTracking().Where(n => ids.Contains(n.AccountId)).ToListAsync(Ct));
        var mail = await second.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Kind == AlertMail.Kind && ids.Contains(m.AccountId!)).ToListAsync(Ct));
        // Two alerts each: the Testapril recall by NDC and the lisinopril recall by name.
        Assert.Equal(People * 2, notifications.Count);
        Assert.All(notifications.GroupBy(n => n.AccountId), g => Assert.Equal(["Ndc", "Name"], g.OrderBy(n => n.Strength).Select(n => n.Strength.ToString())));
        Assert.All(notifications, n => Assert.True(n.Emailed));
        Assert.Equal(People * 2, mail.Count);
        Assert.Equal(People * 2, mail.Select(m => m.Key).Distinct().Count());
    }
}
