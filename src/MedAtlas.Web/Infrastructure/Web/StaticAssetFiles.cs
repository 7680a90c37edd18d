using Microsoft.AspNetCore.StaticAssets;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>
/// MapStaticAssets makes one endpoint per file the build's manifest lists, and answers from the web root. When the
/// web root lacks the file (the wrong content root, a half-copied deploy), it sets the headers, catches the
/// FileNotFoundException, and answers 200 with no body and no log line: every page unstyled, nothing saying why.
/// This checks the file first, so a missing asset is a 404 with an error in the log naming the file.
/// </summary>
internal static partial class StaticAssetFiles
{
    public static StaticAssetsEndpointConventionBuilder RequireAssetFiles(this StaticAssetsEndpointConventionBuilder assets, WebApplication app)
    {
        var environment = app.Environment;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaticAssetFiles));
        assets.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<StaticAssetDescriptor>().FirstOrDefault() is not { } asset || endpoint.RequestDelegate is not { } serve)
                return;

            // Checked on every request, not once: the framework keeps the file it found first, and a file deleted
            // later would again be a 200 with no body. A stat per asset request costs microseconds.
            endpoint.RequestDelegate = context =>
            {
                if (environment.WebRootFileProvider.GetFileInfo(asset.AssetPath).Exists)
                    return serve(context);

                LogMissing(logger, context.Request.Path.Value ?? "", asset.AssetPath, environment.WebRootPath);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
        return assets;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Static asset {Route} is listed in the build's manifest, but its file {AssetPath} is not in the web root {WebRoot}: answered 404. Is the app started from the right folder, and is its wwwroot complete?")]
    private static partial void LogMissing(ILogger logger, string route, string assetPath, string webRoot);
}
