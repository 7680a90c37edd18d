using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Jobs;
using MailKit.Security;
using MimeKit;

namespace MedAtlas.Web.Infrastructure.Email;

internal enum SmtpSecurity
{
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The <c>Email:*</c> settings (docs/configuration.md). Without <c>Email:Smtp:Host</c> mail goes to the pickup folder.</summary>
internal sealed record EmailSettings
{
    public string? SmtpHost { get; init; }

    public int SmtpPort { get; init; }

    public SmtpSecurity SmtpSecurity { get; init; }

    public string? SmtpUser { get; init; }

    public string? SmtpPassword { get; init; }

    public TimeSpan SmtpTimeout { get; init; }

    public required MailboxAddress From { get; init; }

    public required string PickupDirectory { get; init; }

    public int MaxAttempts { get; init; }

    public TimeSpan FirstRetry { get; init; }

    public TimeSpan MaxRetry { get; init; }

    public TimeSpan Claim { get; init; }

    public int BatchSize { get; init; }

    public TimeSpan PollInterval { get; init; }

    public int KeepSentDays { get; init; }

    public SecureSocketOptions SocketOptions => SmtpSecurity switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    public static EmailSettings Read(IConfiguration configuration, DatabaseSettings database)
    {
        var securityName = configuration["Email:Smtp:Security"];
        var security = securityName is null or ""
            ? SmtpSecurity.Auto
            : Enum.TryParse<SmtpSecurity>(securityName, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new MedAtlasConfigurationException($"Email:Smtp:Security is '{securityName}'. Use Auto, None, StartTls or SslOnConnect.");

        var fromAddress = configuration["Email:From"] is { Length: > 0 } f ? f : "no-reply@localhost";
        var fromName = configuration["Email:FromName"] ?? "MedAtlas";
        if (!MailboxAddress.TryParse(fromAddress, out var from) || from.Domain.Length == 0)
            throw new MedAtlasConfigurationException($"Email:From is '{fromAddress}', which is not an email address.");
        from = new MailboxAddress(fromName, from.Address);

        var pickup = configuration["Email:PickupDirectory"] is { Length: > 0 } dir
            ? Path.GetFullPath(dir, database.DataDirectory)
            : Path.Combine(database.DataDirectory, "mail");

        return new EmailSettings
        {
            SmtpHost = configuration["Email:Smtp:Host"] is { Length: > 0 } host ? host : null,
            SmtpPort = configuration.GetValue<int?>("Email:Smtp:Port") ?? security switch
            {
                SmtpSecurity.SslOnConnect => 465,
                SmtpSecurity.StartTls => 587,
                _ => 25,
            },
            SmtpSecurity = security,
            SmtpUser = configuration["Email:Smtp:User"] is { Length: > 0 } user ? user : null,
            SmtpPassword = configuration["Email:Smtp:Password"],
            SmtpTimeout = JobSettings.Seconds(configuration, "Email:Smtp:TimeoutSeconds", 30),
            From = from,
            PickupDirectory = pickup,
            MaxAttempts = Positive(configuration, "Email:MaxAttempts", 8),
            FirstRetry = JobSettings.Seconds(configuration, "Email:FirstRetrySeconds", 10),
            MaxRetry = JobSettings.Seconds(configuration, "Email:MaxRetrySeconds", 3600),
            Claim = JobSettings.Seconds(configuration, "Email:ClaimSeconds", 300),
            BatchSize = Positive(configuration, "Email:BatchSize", 20),
            PollInterval = JobSettings.Seconds(configuration, "Email:PollSeconds", 2),
            KeepSentDays = Positive(configuration, "Email:KeepSentDays", 30),
        };
    }

    /// <summary>Delay before the next attempt after <paramref name="attempts"/> failed ones: 10 s, 20 s, 40 s ... capped.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var delay = FirstRetry * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return delay > MaxRetry ? MaxRetry : delay;
    }

    private static int Positive(IConfiguration configuration, string key, int fallback)
    {
        var value = configuration.GetValue<int?>(key) ?? fallback;
        return value > 0 ? value : throw new MedAtlasConfigurationException($"{key} is {value}; it must be a positive whole number.");
    }
}
