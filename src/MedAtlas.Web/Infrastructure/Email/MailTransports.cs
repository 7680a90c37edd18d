using MailKit.Net.Smtp;
using MimeKit;

namespace MedAtlas.Web.Infrastructure.Email;

/// <summary>Where mail goes: an SMTP server, or the pickup folder when none is configured.</summary>
internal interface IMailTransport
{
    /// <summary>A session for one batch; it connects on its first send and reuses the connection after.</summary>
    IMailSession OpenSession();
}

internal interface IMailSession : IAsyncDisposable
{
    /// <summary>Sends one message. An <see cref="SmtpCommandException"/> with a 5xx status means the server refused it for good.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

internal sealed class SmtpMailTransport(EmailSettings settings) : IMailTransport
{
    public IMailSession OpenSession() => new Session(settings);

    private sealed class Session(EmailSettings settings) : IMailSession
    {
        private SmtpClient? client;

        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (client is not { IsConnected: true })
            {
                client?.Dispose();
                client = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
                await client.ConnectAsync(settings.SmtpHost ?? "localhost", settings.SmtpPort, settings.SocketOptions, cancellationToken);
                if (settings.SmtpUser is not null)
                    await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (client is null)
                return;
            try
            {
                if (client.IsConnected)
                    await client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                // Every message was already accepted or recorded; a failed QUIT changes nothing.
            }

            client.Dispose();
        }
    }
}

/// <summary>
/// Writes each message as an .eml file, for development and for sites without a mail server. The file is
/// written under a temporary name and renamed, so a reader of the folder never sees half a message.
/// </summary>
internal sealed class PickupFolderTransport(EmailSettings settings, TimeProvider time) : IMailTransport
{
    public IMailSession OpenSession() => new Session(settings.PickupDirectory, time);

    private sealed class Session(string directory, TimeProvider time) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(directory);
            var name = $"{time.GetUtcNow():yyyyMMdd-HHmmssfff}-{Guid.NewGuid().ToString("N")[..8]}";
            var temporary = Path.Combine(directory, $".{name}.tmp");
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, Path.Combine(directory, $"{name}.eml"));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
