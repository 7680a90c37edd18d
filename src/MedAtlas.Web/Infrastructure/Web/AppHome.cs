namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// The folder the app reads its own files from (the content root: <c>appsettings*.json</c>, <c>wwwroot</c>, and the
/// default data folder). ASP.NET Core's default is the working directory, so a published app started from elsewhere
/// (a systemd unit without <c>WorkingDirectory</c>) read no settings and served empty assets. Here it is the folder
/// of the binary, whatever the working directory, except under <c>dotnet run</c>, which starts the app in its
/// project folder: there the sources (<c>wwwroot</c>, the appsettings being edited) are the app's home.
/// </summary>
internal static class AppHome
{
    /// <summary>The host options for <paramref name="args"/>: the content root as above, unless one is given.</summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        // An explicit --contentRoot (or ASPNETCORE_CONTENTROOT / DOTNET_CONTENTROOT) wins. The test host passes its
        // own that way; a value here would override it, since options apply after the command line.
        ContentRootPath = IsContentRootGiven(args)
            ? null
            : ContentRoot(Directory.GetCurrentDirectory(), Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)),
    };

    /// <summary>The working directory when it is this app's project folder (<c>dotnet run</c>), else the binary's folder.</summary>
    internal static string ContentRoot(string workingDirectory, string appDirectory) =>
        File.Exists(Path.Combine(workingDirectory, ProjectFile)) ? workingDirectory : appDirectory;

    private static string ProjectFile => $"{typeof(AppHome).Assembly.GetName().Name}.csproj";

    private static bool IsContentRootGiven(string[] args)
    {
        var host = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        return !string.IsNullOrEmpty(host[HostDefaults.ContentRootKey]);
    }

    /// <summary>
    /// A build output (<c>bin/</c>, not a published folder) has no <c>wwwroot</c>: its assets, and their compressed
    /// copies, are where the static web assets manifest beside the binary says. ASP.NET Core reads that manifest only
    /// in Development; this reads it in every environment, so the build output started as Production serves its
    /// assets too. A published folder has no such manifest, and this does nothing there.
    /// </summary>
    public static WebApplicationBuilder UseBuildOutputAssets(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
            builder.WebHost.UseStaticWebAssets();
        return builder;
    }
}
