using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MedAtlas.Tests.Infrastructure.Web;

/// <summary>
/// The published app started from <c>/</c>, as a systemd unit without <c>WorkingDirectory</c> starts it: it reads
/// the settings beside its binary and serves every asset whole. Before, it read no settings and answered every
/// stylesheet and script with 200 and no body.
/// </summary>
public sealed partial class RunsFromAnywhereTests(RunsFromAnywhereTests.PublishedApp app) : IClassFixture<RunsFromAnywhereTests.PublishedApp>
{
    [Fact]
    public async Task Every_asset_the_layout_references_is_served_whole()
    {
        var home = await app.Client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var assets = LayoutAssets(home).ToList();
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            var file = await File.ReadAllBytesAsync(PublishedApp.SourceFileOf(asset), TestContext.Current.CancellationToken);

            using var plain = await app.Client.GetAsync(asset, TestContext.Current.CancellationToken);
            Assert.True(plain.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)plain.StatusCode}\n{app.Output}");
            Assert.Equal((long)file.Length, plain.Content.Headers.ContentLength);
            Assert.Equal(file, await plain.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

            // What a browser asks for: the compressed copy, which decompresses to the same bytes.
            using var compressed = await app.CompressingClient.GetAsync(asset, TestContext.Current.CancellationToken);
            Assert.True(compressed.StatusCode == HttpStatusCode.OK, $"{asset} compressed: {(int)compressed.StatusCode}");
            Assert.Equal(file, await compressed.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task The_settings_beside_the_binary_are_in_effect()
    {
        // AllowedHosts from the published appsettings.json: another host name is refused.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "not-the-site.example";
        using var refused = await app.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // Logging:Console:FormatterName from the shipped appsettings.json: the log is JSON, one object a line.
        var listening = app.Output.Split('\n').First(l => l.Contains("Now listening on", StringComparison.Ordinal));
        Assert.Equal("Microsoft.Hosting.Lifetime", JsonNode.Parse(listening)!["Category"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_asset_whose_file_is_missing_is_a_404_and_an_error_in_the_log()
    {
        // A half-copied deploy: the manifest lists tools.js (not used by the home page), the web root lacks it.
        foreach (var file in Directory.GetFiles(Path.Combine(app.Folder, "wwwroot", "js"), "tools.js*"))
            File.Delete(file);

        using var plain = await app.Client.GetAsync("/js/tools.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        using var compressed = await app.CompressingClient.GetAsync("/js/tools.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, compressed.StatusCode);

        // Issue 19: the fingerprinted address of the missing file (published builds mark it immutable) is a 404 too,
        // and never carries the one-year immutable header.
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(app.Folder, "MedAtlas.Web.staticwebassets.endpoints.json"), TestContext.Current.CancellationToken))!;
        var fingerprinted = manifest["Endpoints"]!.AsArray().Select(e => e!["Route"]!.GetValue<string>())
            .First(r => Regex.IsMatch(r, @"^js/tools\.[a-z0-9]{10}\.js$"));
        using var missing = await app.Client.GetAsync("/" + fingerprinted, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain("immutable", missing.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.True(missing.Headers.CacheControl is { NoStore: true }, $"{fingerprinted}: {missing.Headers.CacheControl}");

        await Eventually.WaitAsync(
            () => Task.FromResult(app.Output),
            output => output.Split('\n').Any(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) && l.Contains("js/tools.js", StringComparison.Ordinal)),
            "an error naming js/tools.js in the log", TimeSpan.FromSeconds(10));
    }

    private static IEnumerable<string> LayoutAssets(string html) =>
        AssetReference().Matches(html)
            .Where(m => !m.Groups["tag"].Value.Equals("link", StringComparison.OrdinalIgnoreCase) || LinkToFile().IsMatch(m.Value))
            .Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value))
            .Where(url => AssetFolder().IsMatch(url))
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex("""<(?<tag>link|script|img)\b[^>]*?\b(?:href|src)="(?<url>[^"]+)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex AssetReference();

    [GeneratedRegex("^/(css|js|img|lib)/")]
    private static partial Regex AssetFolder();

    [GeneratedRegex("""\brel="[^"]*\b(?:stylesheet|icon)\b""", RegexOptions.IgnoreCase)]
    private static partial Regex LinkToFile();

    /// <summary>The app published once for the class, started from <c>/</c> in Production on a fresh data folder.</summary>
    public sealed partial class PublishedApp : IAsyncLifetime
    {
        private readonly StringBuilder output = new();
        private Process? process;
        private TestDatabase? database;

        public string Folder { get; } = Directory.CreateTempSubdirectory("medatlas-published-").FullName;

        /// <summary>Sends the host name the published settings allow.</summary>
        public HttpClient Client { get; private set; } = null!;

        /// <summary>The same, asking for brotli or gzip as a browser does, and decompressing.</summary>
        public HttpClient CompressingClient { get; private set; } = null!;

        public string Output
        {
            get
            {
                lock (output)
                    return output.ToString();
            }
        }

        private static string Repository { get; } = FindRepository();

        /// <summary>The file in the project's wwwroot that a (fingerprinted) asset URL names.</summary>
        public static string SourceFileOf(string url) =>
            Path.Combine(Repository, "src", "MedAtlas.Web", "wwwroot", Fingerprint().Replace(url.TrimStart('/'), "$1"));

        public async ValueTask InitializeAsync()
        {
            await PublishAsync();

            // Only this host name is allowed: a setting visible over HTTP that exists only in the published file.
            var settingsFile = Path.Combine(Folder, "appsettings.json");
            var settings = JsonNode.Parse(await File.ReadAllTextAsync(settingsFile))!;
            settings["AllowedHosts"] = "medatlas.test";
            await File.WriteAllTextAsync(settingsFile, settings.ToJsonString());

            database = await TestDatabase.CreateAsync();
            var start = new ProcessStartInfo(Dotnet)
            {
                WorkingDirectory = "/",
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT", "ASPNETCORE_URLS" })
                start.Environment.Remove(inherited);
            start.Environment["MedAtlas__DataDirectory"] = database.DataDirectory;
            start.Environment["Database__Provider"] = database.Provider;
            start.Environment["ConnectionStrings__Default"] = database.ConnectionString ?? "";
            start.ArgumentList.Add(Path.Combine(Folder, "MedAtlas.Web.dll"));
            // No test reaches the Internet (see MedAtlasApp).
            foreach (var setting in new[] { "--urls=http://127.0.0.1:0", "--Alerts:OpenFda:BaseUrl=", "--Alerts:Feeds:fda-recalls-rss:Url=", "--Alerts:Feeds:fda-medwatch-rss:Url=" })
                start.ArgumentList.Add(setting);

            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the published MedAtlas.Web.dll");
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var listening = await Eventually.WaitAsync(
                () => Task.FromResult(Listening().Match(Output)),
                m => m.Success || process.HasExited,
                "the published app to listen", TimeSpan.FromMinutes(2));
            Assert.True(listening.Success, $"The published app exited:\n{Output}");

            var address = new Uri(listening.Groups["address"].Value);
            Client = new HttpClient { BaseAddress = address };
            Client.DefaultRequestHeaders.Host = "medatlas.test";
            CompressingClient = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.Brotli | DecompressionMethods.GZip }) { BaseAddress = address };
            CompressingClient.DefaultRequestHeaders.Host = "medatlas.test";
        }

        public async ValueTask DisposeAsync()
        {
            Client?.Dispose();
            CompressingClient?.Dispose();
            if (process is not null)
            {
                if (!process.HasExited)
                    process.Kill();
                await process.WaitForExitAsync();
                process.Dispose();
            }

            if (database is not null)
                await database.DisposeAsync();
            Directory.Delete(Folder, recursive: true);
        }

        /// <summary>
        /// <c>dotnet publish --no-build</c> of the build the tests run against: a few seconds, since it only copies and
        /// compresses. The configuration is the test assembly's (test.sh builds Release).
        /// </summary>
        private async Task PublishAsync()
        {
            var configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var publish = new ProcessStartInfo(Dotnet)
            {
                WorkingDirectory = Repository,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "publish", Path.Combine("src", "MedAtlas.Web", "MedAtlas.Web.csproj"), "-c", configuration, "--no-build", "-o", Folder, "-nologo", "-v", "q", "-nodeReuse:false" })
                publish.ArgumentList.Add(argument);
            publish.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var run = Process.Start(publish) ?? throw new InvalidOperationException("Could not start dotnet publish");
            var stdout = run.StandardOutput.ReadToEndAsync();
            var stderr = run.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await run.WaitForExitAsync(timeout.Token);
            Assert.True(run.ExitCode == 0, $"dotnet publish failed ({run.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        private static string Dotnet =>
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        private static string FindRepository()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MedAtlas.slnx")))
                    return dir.FullName;
            }

            throw new InvalidOperationException($"No MedAtlas.slnx above {AppContext.BaseDirectory}");
        }

        private void Append(string? line)
        {
            if (line is null)
                return;
            lock (output)
                output.AppendLine(line);
        }

        // The static web assets fingerprint, as in ImmutableAssets: a dot and 10 lowercase letters or digits before the extension.
        [GeneratedRegex(@"\.[a-z0-9]{10}(\.[a-z0-9]+)$")]
        private static partial Regex Fingerprint();

        [GeneratedRegex(@"Now listening on: (?<address>http://[0-9.]+:[0-9]+)")]
        private static partial Regex Listening();
    }
}
