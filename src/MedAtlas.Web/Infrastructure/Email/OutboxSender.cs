using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MedAtlas.Web.Infrastructure.Jobs;
using MedAtlas.Web.Infrastructure.Text;
using MimeKit;

namespace MedAtlas.Web.Infrastructure.Email;

/// <summary>
/// The <c>outbox</c> job. Runs on every node: each claims its own batch of due rows, sends them one by one
/// and marks each Sent straight after its own send, so a crash repeats at most the one mail in flight.
/// </summary>
internal sealed class OutboxSender(
    OutboxStore store,
    IMailTransport transport,
    EmailSettings settings,
    JobSettings jobs,
    TimeProvider time,
    ILogger<OutboxSender> logger) : IJob
{
    public const string JobName = "outbox";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Keep claiming until nothing is due, so a burst of mail goes out in one run rather than one batch per tick.
        while (true)
        {
            var batch = await store.ClaimAsync(jobs.Node, settings.BatchSize, settings.Claim, cancellationToken);
            if (batch.Count == 0 || !await SendAsync(batch, cancellationToken))
                return;
        }
    }

    /// <summary>Sends a claimed batch. Returns false when the server could not be reached, to stop this run.</summary>
    private async Task<bool> SendAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        // Stop with a margin before the claim ends: past it another node may take the same rows.
        var claimEnds = time.GetUtcNow().UtcDateTime + settings.Claim - (settings.Claim / 5);
        await using var session = transport.OpenSession();
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch[i];
            var untried = batch.Skip(i + 1).Select(m => m.Id).ToList();
            if (time.GetUtcNow().UtcDateTime >= claimEnds)
            {
                await store.ReleaseAsync([row.Id, .. untried], jobs.Node, null, CancellationToken.None);
                return true;
            }

            MimeMessage message;
            try
            {
                message = MailMessages.Build(row, settings.From);
            }
            catch (ParseException e)
            {
                await store.MarkFailedAsync(row.Id, AddressMask.Redact($"Not a valid recipient address: {e.Message}"), CancellationToken.None);
                Observability.MedAtlasMetrics.MailFailed();
                continue;
            }

            try
            {
                await session.SendAsync(message, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down mid-send: whether the server took it is unknown. Handing the row back lets the
                // next run send it again, with the same Message-ID.
                await store.ReleaseAsync([row.Id, .. untried], jobs.Node, null, CancellationToken.None);
                throw;
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
            {
                var reason = AddressMask.Redact($"Refused by the mail server: {(int)e.StatusCode} {e.Message}");
                logger.LogWarning("Mail {Id} ({Kind}) refused for good: {Reason}", row.Id, row.Kind, reason);
                await store.MarkFailedAsync(row.Id, reason, CancellationToken.None);
                Observability.MedAtlasMetrics.MailFailed();
                continue;
            }
            catch (SmtpCommandException e)
            {
                await RetryLaterAsync(row, AddressMask.Redact($"Deferred by the mail server: {(int)e.StatusCode} {e.Message}"));
                continue;
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                // The server is down or unreachable: one attempt counts against this row; the rest wait as long
                // as it does without losing an attempt, so an outage does not use up a whole batch's attempts.
                var next = await RetryLaterAsync(row, AddressMask.Redact($"Mail server unreachable: {e.GetType().Name}: {e.Message}"));
                await store.ReleaseAsync(untried, jobs.Node, next, CancellationToken.None);
                return false;
            }

            await store.MarkSentAsync(row.Id, CancellationToken.None);
            Observability.MedAtlasMetrics.MailSent();
        }

        return true;
    }

    private async Task<DateTime> RetryLaterAsync(OutboxMessage row, string reason)
    {
        var attempts = row.Attempts + 1;
        var next = time.GetUtcNow().UtcDateTime + settings.RetryDelay(attempts);
        if (attempts >= settings.MaxAttempts)
        {
            logger.LogWarning("Mail {Id} ({Kind}) failed after {Attempts} attempts: {Reason}", row.Id, row.Kind, attempts, reason);
            await store.MarkFailedAsync(row.Id, AddressMask.Redact($"Gave up after {attempts} attempts. {reason}"), CancellationToken.None);
            Observability.MedAtlasMetrics.MailFailed();
        }
        else
        {
            logger.LogInformation("Mail {Id} ({Kind}) will be retried at {Next:u}: {Reason}", row.Id, row.Kind, next, reason);
            await store.MarkForRetryAsync(row.Id, reason, next, CancellationToken.None);
        }

        return next;
    }

    private static bool IsUnreachable(Exception e) =>
        e is SocketException or IOException or TimeoutException or SmtpProtocolException or ServiceNotConnectedException
            or ServiceNotAuthenticatedException or AuthenticationException or SslHandshakeException or OperationCanceledException;
}

/// <summary>The <c>outbox-retention</c> job: sent mail is kept <c>Email:KeepSentDays</c> for support questions, then deleted.</summary>
internal sealed class OutboxRetention(OutboxStore store, EmailSettings settings, TimeProvider time, ILogger<OutboxRetention> logger) : IJob
{
    public const string JobName = "outbox-retention";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(settings.KeepSentDays);
        var deleted = await store.DeleteSentBeforeAsync(before, cancellationToken);
        if (deleted > 0)
            logger.LogInformation("Deleted {Count} sent mails older than {Days} days", deleted, settings.KeepSentDays);
    }
}
