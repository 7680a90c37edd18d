using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MedAtlas.Tests.Infrastructure.Email;

/// <summary>Queuing and reading outbox rows the way a feature does: through <see cref="Outbox"/> and one SaveChanges.</summary>
internal static class OutboxTesting
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static OutboxMail Mail(string key, string to, string subject = "Hello") =>
        new(key, "test", to, "Test Person", null,
            MailTemplate.Build(subject, "Hello Test,", ["A paragraph with <b>markup</b> & an ampersand."],
                new MailAction("Open MedAtlas", $"https://medatlas.example/confirm?key={Uri.EscapeDataString(key)}"), "MedAtlas test mail"));

    public static async Task<int> QueueAsync(this MedAtlasApp app, params OutboxMail[] mails)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var added = 0;
        foreach (var mail in mails)
            added += await outbox.AddAsync(db, mail, Ct) ? 1 : 0;
        await db.SaveChangesAsync(Ct);
        return added;
    }

    public static Task<List<OutboxMessage>> RowsAsync(this MedAtlasApp app) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync(Ct));

    public static Task<List<OutboxMessage>> WaitUntilAllSentAsync(this MedAtlasApp app, int count) =>
        Eventually.WaitAsync(app.RowsAsync, rows => rows.Count == count && rows.All(r => r.Status == OutboxStatus.Sent),
            $"{count} outbox rows to be sent");

    public static string MessageId(string key) => MailMessages.MessageIdFor(key, "localhost");

    public static string Address() => $"p{Guid.NewGuid():N}@example.org";
}
