using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;

namespace MedAtlas.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (tests/smtp/smtp_sink.py, Debian's python3-aiosmtpd) and the mail it received, read with
/// MimeKit. <see cref="Shared"/> is the one test.sh started; a test that needs to stop the server or make it
/// refuse or stall starts its own with <see cref="StartAsync"/>. <see cref="InFolder"/> reads a pickup folder
/// the same way. Waiting polls up to a generous bound and fails with what did arrive; it never asserts a time.
/// </summary>
public sealed partial class MailSink : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(90);
    private static readonly Lazy<MailSink> SharedSink = new(StartShared);
    private readonly bool owned;
    private Process? process;

    private MailSink(int port, string directory, bool owned)
    {
        Port = port;
        Directory = directory;
        this.owned = owned;
    }

    /// <summary>The suite's sink: the one test.sh started (<c>MEDATLAS_TEST_SMTP_PORT</c>, <c>MEDATLAS_TEST_SMTP_DIR</c>), else one started for this run.</summary>
    public static MailSink Shared => SharedSink.Value;

    public int Port { get; }

    /// <summary>Where each received message is written as an .eml file.</summary>
    public string Directory { get; }

    private string ControlDirectory => Path.GetDirectoryName(Path.GetFullPath(Directory))!;

    /// <summary>Answer 550 to every message from now on (or stop doing so).</summary>
    public bool RejectsWith5xx
    {
        get => File.Exists(Path.Combine(ControlDirectory, "reject-5xx"));
        set => Flag("reject-5xx", value ? "" : null);
    }

    /// <summary>Wait this long before accepting each message; null to answer at once.</summary>
    public double? SecondsPerMessage
    {
        set => Flag("slow", value?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A sink of this test's own on a free port, in a fresh folder.</summary>
    public static async Task<MailSink> StartAsync()
    {
        var root = System.IO.Directory.CreateTempSubdirectory("medatlas-smtp-").FullName;
        var sink = new MailSink(FreePort(), Path.Combine(root, "mail"), owned: true);
        await sink.StartAgainAsync();
        return sink;
    }

    /// <summary>Reads .eml files some other way put there (the app's pickup folder).</summary>
    public static MailSink InFolder(string directory) => new(0, directory, owned: false);

    /// <summary>Kills the server: from now on nothing listens on <see cref="Port"/>.</summary>
    public async Task StopAsync()
    {
        if (process is null)
            return;
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    /// <summary>Starts the server (again) on the same port and folder.</summary>
    public async Task StartAgainAsync()
    {
        if (!owned)
            throw new InvalidOperationException("Only a sink started by this test can be started again.");
        System.IO.Directory.CreateDirectory(Directory);
        var script = Path.Combine(AppContext.BaseDirectory, "smtp", "smtp_sink.py");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", Directory })
            start.ArgumentList.Add(argument);
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready is null || !ready.StartsWith("listening", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException(
                $"The SMTP sink did not start (is python3-aiosmtpd installed? test.sh installs it): {ready} {error}");
        }
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        if (!System.IO.Directory.Exists(Directory))
            return [];
        return System.IO.Directory.GetFiles(Directory, "*.eml")
            .Order(StringComparer.Ordinal)
            .Select(file => MimeMessage.Load(file))
            .ToList();
    }

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Messages().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>The first mail to <paramref name="address"/>, waiting for it to arrive.</summary>
    public async Task<MimeMessage> WaitForMailToAsync(string address, TimeSpan? upTo = null) =>
        (await WaitForAsync(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)), 1, upTo))[0];

    /// <summary>Waits until at least <paramref name="count"/> received messages match, and returns all that match.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(Func<MimeMessage, bool> match, int count, TimeSpan? upTo = null)
    {
        var deadline = DateTime.UtcNow + (upTo ?? DefaultWait);
        while (true)
        {
            var found = Messages().Where(match).ToList();
            if (found.Count >= count)
                return found;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Expected {count} matching mails in {Directory}; {found.Count} matched of {Messages().Count} received.");
            await Task.Delay(100);
        }
    }

    /// <summary>The first http(s) link of the mail's text part (or, without one, its HTML part): what a person would click.</summary>
    public static Uri FirstLink(MimeMessage message)
    {
        var text = message.TextBody ?? "";
        var match = TextLink().Match(text);
        if (match.Success)
            return new Uri(match.Value);
        var href = HtmlLink().Match(message.HtmlBody ?? "");
        Assert.True(href.Success, $"The mail '{message.Subject}' has no link.");
        return new Uri(WebUtility.HtmlDecode(href.Groups[1].Value));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (owned && this != SharedSink.Value)
        {
            try
            {
                System.IO.Directory.Delete(ControlDirectory, recursive: true);
            }
            catch (IOException)
            {
                // The OS temp cleaner gets it.
            }
        }
    }

    private static MailSink StartShared()
    {
        if (Environment.GetEnvironmentVariable("MEDATLAS_TEST_SMTP_PORT") is { Length: > 0 } port
            && Environment.GetEnvironmentVariable("MEDATLAS_TEST_SMTP_DIR") is { Length: > 0 } dir)
            return new MailSink(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), dir, owned: false);

        // Without test.sh: one sink for the whole run, ended with the test process.
        var sink = StartAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => sink.process?.Kill();
        return sink;
    }

    private void Flag(string name, string? contents)
    {
        var path = Path.Combine(ControlDirectory, name);
        if (contents is null)
            File.Delete(path);
        else
            File.WriteAllText(path, contents);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex TextLink();

    [GeneratedRegex(@"href=""(https?://[^""]+)""")]
    private static partial Regex HtmlLink();
}
