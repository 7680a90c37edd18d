using MedAtlas.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Infrastructure.Email;

/// <summary>Mail under faults, each test with an SMTP server of its own that it stops, stalls or makes refuse.</summary>
public sealed class OutboxFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_permanent_refusal_fails_the_mail_at_once_with_its_reason_for_admins_and_it_can_be_retried()
    {
        await using var sink = await MailSink.StartAsync();
        sink.RejectsWith5xx = true;
        await using var app = new MedAtlasApp().WithSmtpSink(sink);
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        var to = OutboxTesting.Address();

        await app.QueueAsync(OutboxTesting.Mail("refused:1", to));
        var failed = await Eventually.WaitAsync(() => FailedAsync(app), list => list.Count == 1, "the refused mail to be failed");

        var mail = Assert.Single(failed);
        Assert.Equal("test", mail.Kind);
        Assert.Equal($"p***@example.org", mail.Recipient);
        Assert.Equal(1, mail.Attempts);
        Assert.Contains("550", mail.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(to, mail.Reason ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Empty(sink.Messages());

        sink.RejectsWith5xx = false;
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<FailedMails>().RetryAsync(mail.Id, Ct));
        await sink.WaitForMailToAsync(to);
        Assert.Empty(await FailedAsync(app));
    }

    [Fact]
    public async Task Mail_queued_while_the_smtp_server_is_down_arrives_exactly_once_when_it_is_back()
    {
        await using var sink = await MailSink.StartAsync();
        await sink.StopAsync();
        await using var app = new MedAtlasApp().WithSmtpSink(sink)
            .WithSetting("Email:FirstRetrySeconds", "0.5").WithSetting("Email:MaxRetrySeconds", "1");
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        string[] keys = ["down:1", "down:2", "down:3"];

        await app.QueueAsync([.. keys.Select(k => OutboxTesting.Mail(k, OutboxTesting.Address()))]);
        var tried = await Eventually.WaitAsync(app.RowsAsync, rows => rows.Any(r => r.LastError is not null), "a failed attempt while the server is down");
        await sink.StartAgainAsync();
        var rows = await app.WaitUntilAllSentAsync(3);

        Assert.Contains("unreachable", tried.First(r => r.LastError is not null).LastError, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.True(r.Attempts < 8, "an outage must not use up a mail's attempts"));
        Assert.Equal(keys.Select(OutboxTesting.MessageId).Order(StringComparer.Ordinal), sink.Messages().Select(m => m.MessageId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Two_nodes_on_one_database_never_send_the_same_mail_twice()
    {
        await using var sink = await MailSink.StartAsync();
        sink.SecondsPerMessage = 0.02;
        await using var database = await TestDatabase.CreateAsync();
        await using var first = new MedAtlasApp(database.Share()).WithSmtpSink(sink).WithSetting("Email:BatchSize", "3");
        await first.InitializeAsync();
        first.CreateClient().Dispose();
        await using var second = new MedAtlasApp(database.Share()).WithSmtpSink(sink).WithSetting("Email:BatchSize", "3");
        await second.InitializeAsync();
        second.CreateClient().Dispose();
        var keys = Enumerable.Range(1, 30).Select(i => $"two-nodes:{i}").ToList();

        // Queued in small saves from both nodes, so both senders are woken and claim at the same time.
        foreach (var chunk in keys.Chunk(5))
        {
            await first.QueueAsync([.. chunk[..2].Select(k => OutboxTesting.Mail(k, OutboxTesting.Address()))]);
            await second.QueueAsync([.. chunk[2..].Select(k => OutboxTesting.Mail(k, OutboxTesting.Address()))]);
        }

        await first.WaitUntilAllSentAsync(30);
        var ids = sink.Messages().Select(m => m.MessageId).ToList();

        Assert.Equal(keys.Select(OutboxTesting.MessageId).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_server_killed_mid_batch_sends_every_mail_after_a_restart_repeating_at_most_the_one_in_flight()
    {
        await using var sink = await MailSink.StartAsync();
        sink.SecondsPerMessage = 0.3;
        await using var database = await TestDatabase.CreateAsync();
        // This app only migrates the database and queues the mail; the separate processes send it.
        await using var queuer = new MedAtlasApp(database.Share()).WithSetting("Jobs:Enabled", "false");
        await queuer.InitializeAsync();
        queuer.CreateClient().Dispose();
        var keys = Enumerable.Range(1, 20).Select(i => $"kill:{i}").ToList();
        await queuer.QueueAsync([.. keys.Select(k => OutboxTesting.Mail(k, OutboxTesting.Address()))]);
        var settings = new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // A short claim, so the restarted server takes over the dead one's rows soon.
            ["Email:ClaimSeconds"] = "3",
            ["Email:BatchSize"] = "5",
        };

        await using (var doomed = AppProcess.Start(database, settings))
        {
            await sink.WaitForAsync(_ => true, 4);
            await doomed.KillAsync();
        }

        var beforeRestart = sink.Messages().Count;
        await using var restarted = AppProcess.Start(database, settings);
        await Eventually.WaitAsync(queuer.RowsAsync, rows => rows.All(r => r.Status == OutboxStatus.Sent), $"every mail sent after the restart ({restarted.Output})");
        var ids = sink.Messages().Select(m => m.MessageId).ToList();

        // Each row is marked Sent right after its own send, so the kill can catch at most one mail between the
        // server's "250 OK" and that mark: the restarted server sends it again, under the same Message-ID, so
        // receivers can drop the copy. Every other mail arrives exactly once.
        Assert.True(beforeRestart < keys.Count, "the kill should come before the last mail");
        Assert.Equal(keys.Select(OutboxTesting.MessageId).Order(StringComparer.Ordinal), ids.Distinct().Order(StringComparer.Ordinal));
        var repeated = ids.GroupBy(id => id).Where(g => g.Count() > 1).ToList();
        Assert.True(repeated.Count <= 1 && repeated.All(g => g.Count() == 2), $"repeated: {string.Join(", ", repeated.Select(g => $"{g.Key} x{g.Count()}"))}");
    }

    private static async Task<IReadOnlyList<FailedMail>> FailedAsync(MedAtlasApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FailedMails>().ListAsync(50, Ct);
    }
}
