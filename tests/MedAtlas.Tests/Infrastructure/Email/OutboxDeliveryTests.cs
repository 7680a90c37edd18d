using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace MedAtlas.Tests.Infrastructure.Email;

public sealed class OutboxDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_queued_mail_arrives_at_the_smtp_server_with_text_and_html_parts()
    {
        await using var app = new MedAtlasApp().WithSmtpSink();
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        var to = OutboxTesting.Address();
        var key = $"delivery:{Guid.NewGuid():N}";

        await app.QueueAsync(OutboxTesting.Mail(key, to, "Confirm your email"));
        var mail = await MailSink.Shared.WaitForMailToAsync(to);

        Assert.Equal("Confirm your email", mail.Subject);
        Assert.Equal(to, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("no-reply@localhost", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("MedAtlas", Assert.Single(mail.From.Mailboxes).Name);
        Assert.Equal(OutboxTesting.MessageId(key), mail.MessageId);
        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains("A paragraph with <b>markup</b> & an ampersand.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("A paragraph with &lt;b&gt;markup&lt;/b&gt; &amp; an ampersand.", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(new Uri($"https://medatlas.example/confirm?key={Uri.EscapeDataString(key)}"), MailSink.FirstLink(mail));
        var row = Assert.Single(await app.RowsAsync(), r => r.Key == key);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task Without_an_smtp_host_mail_is_written_to_the_pickup_folder_as_a_readable_eml_file()
    {
        await using var app = await MedAtlasApp.StartAsync();
        var to = OutboxTesting.Address();

        await app.QueueAsync(OutboxTesting.Mail("pickup:1", to, "Picked up"));
        var folder = MailSink.InFolder(Path.Combine(app.Database.DataDirectory, "mail"));
        var mail = await folder.WaitForMailToAsync(to);

        Assert.Equal("Picked up", mail.Subject);
        Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Contains("Open MedAtlas", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Directory, "*.tmp"));
    }

    [Fact]
    public async Task Queuing_the_same_key_twice_sends_one_mail()
    {
        await using var app = new MedAtlasApp().WithSmtpSink();
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        var to = OutboxTesting.Address();
        var key = $"once:{Guid.NewGuid():N}";

        var firstSave = await app.QueueAsync(OutboxTesting.Mail(key, to), OutboxTesting.Mail(key, to));
        var secondSave = await app.QueueAsync(OutboxTesting.Mail(key, to));
        await app.WaitUntilAllSentAsync(1);

        Assert.Equal(1, firstSave);
        Assert.Equal(0, secondSave);
        Assert.Single(MailSink.Shared.MessagesTo(to));
    }

    [Fact]
    public async Task The_unique_key_stops_a_duplicate_that_slipped_past_the_check()
    {
        await using var app = new MedAtlasApp().WithSetting("Jobs:Enabled", "false");
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        await app.QueueAsync(OutboxTesting.Mail("race:1", OutboxTesting.Address()));

        // Two requests that both checked before either saved: the second save must fail, not queue a second mail.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Key = "race:1", Kind = "test", To = "x@example.org", Subject = "s", TextBody = "t", HtmlBody = "h",
            CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        Assert.Single(await app.RowsAsync());
    }

    [Fact]
    public async Task Sent_mail_older_than_the_retention_period_is_deleted_and_newer_is_kept()
    {
        await using var app = new MedAtlasApp().WithSetting("Jobs:Enabled", "false").WithSetting("Email:KeepSentDays", "30");
        await app.InitializeAsync();
        app.CreateClient().Dispose();
        await app.QueueAsync(OutboxTesting.Mail("old", OutboxTesting.Address()), OutboxTesting.Mail("new", OutboxTesting.Address()),
            OutboxTesting.Mail("pending", OutboxTesting.Address()));
        await app.WithDbAsync(async db =>
        {
            await db.Set<OutboxMessage>().Where(m => m.Key == "old").ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAt, DateTime.UtcNow.AddDays(-31)), Ct);
            return await db.Set<OutboxMessage>().Where(m => m.Key == "new").ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAt, DateTime.UtcNow.AddDays(-29)), Ct);
        });

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OutboxRetention>().RunAsync(Ct);

        Assert.Equal(["new", "pending"], (await app.RowsAsync()).Select(r => r.Key).Order(StringComparer.Ordinal));
    }
}
