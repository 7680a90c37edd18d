using System.IO.Compression;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using MedAtlas.Web.Infrastructure.Jobs;
using MedAtlas.Web.Infrastructure.Observability;
using MedAtlas.Web.Infrastructure.Search;
using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Text;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;

namespace MedAtlas.Web.Infrastructure.Web;

/// <summary>What every feature stands on: pages, the API's error format, OpenAPI, data, compression, headers.</summary>
internal static class WebServices
{
    public static WebApplicationBuilder AddMedAtlasInfrastructure(this WebApplicationBuilder builder)
    {
        builder.UseBuildOutputAssets();
        builder.AddMedAtlasData();
        builder.AddMedAtlasJobs().AddMedAtlasEmail();
        builder.Services.AddScoped<StarterDataLoader>();
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddFullTextIndex();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DataStamps>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(CachingSettings.From(builder.Configuration));
        builder.Services.AddSingleton<PublicPageCache>();
        // One instance: the hosted service, and what /healthz/ready asks whether warm-up has finished.
        builder.Services.AddSingleton<IndexWarmup>();
        builder.Services.AddHostedService(s => s.GetRequiredService<IndexWarmup>());
        // Observability (issue 17, part 5): OpenTelemetry, /metrics and the readiness probe.
        builder.AddMedAtlasTelemetry();
        builder.Services.AddHealthChecks().AddMedAtlasReadiness();

        builder.Services.AddRazorPages(options =>
        {
            // Pages live in their feature's folder and declare absolute routes (@page "/drugs/{slug}").
            options.RootDirectory = "/Features";
            // Issue 19: a method a page has no handler for is a 405 with Allow, not its view on an empty model.
            options.Conventions.ConfigureFilter(new PageMethods());
        });
        PlainHttpForms.Register(builder.Services);
        builder.Services.AddProblemDetails();
        // Issue 19: a parameter minimal APIs cannot bind throws, so BindingProblems can name it (the default is a bare 400).
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BindingProblems>();
        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, context, _) =>
        {
            // Issue 19: the framework would name the request's Host as the server, and AllowedHosts is * by default,
            // so anyone could make the document point scripts at another site. The server is MedAtlas:PublicUrl
            // (the same address mail links use), or none: a client then calls the address it fetched the document from.
            var publicUrl = context.ApplicationServices.GetService<MedAtlas.Web.Features.Accounts.PublicLinks>()?.Configured;
            document.Servers = publicUrl is null ? [] : [new Microsoft.OpenApi.OpenApiServer { Url = publicUrl.ToString().TrimEnd('/') }];
            document.Info.Title = "MedAtlas API";
            document.Info.Version = "v1";
            document.Info.Description = "Lookups over MedAtlas's drug, pill, interaction and condition data (open to anyone, read-only), and the personal API " +
                "under /api/v1/my (the signed-in account's My Medicine profiles, with the sign-in cookie or a personal access token). Errors are RFC 7807 problem+json.";
            return Task.CompletedTask;
        }));

        builder.Services.AddResponseCompression(options =>
        {
            // Only public responses are compressed (PersonalResponses): those carry no secret next to
            // reflected input, so BREACH does not apply to them.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        // Trust only the proxies named in configuration (docs/configuration.md). With none named, the defaults stay:
        // a proxy on this machine (loopback) only. Clearing both lists would make the middleware believe
        // X-Forwarded-* from any sender. Issue 17 (deployment): a network (10.0.0.0/24) too, for a load balancer
        // pool; read here, not in the options callback, so a bad entry stops the start with one line.
        var proxies = new List<System.Net.IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var proxy in builder.Configuration.GetSection("MedAtlas:TrustedProxies").Get<string[]>() ?? [])
        {
            if (proxy.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(proxy, out var network))
                networks.Add(network);
            else if (System.Net.IPAddress.TryParse(proxy, out var address))
                proxies.Add(address);
            else
                throw new MedAtlasConfigurationException($"MedAtlas:TrustedProxies has '{proxy}', which is not an address (10.0.0.5) or a network (10.0.0.0/24).");
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Count + networks.Count > 0)
            {
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
                proxies.ForEach(options.KnownProxies.Add);
                networks.ForEach(options.KnownIPNetworks.Add);
            }
        });
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static WebApplication UseMedAtlasInfrastructure(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseHeadAsGet();

        // The API answers errors in problem+json; pages answer with the friendly error and 404 pages.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), site =>
        {
            if (!app.Environment.IsDevelopment())
            {
                site.UseExceptionHandler(new ExceptionHandlerOptions
                {
                    ExceptionHandlingPath = "/error",
                    // A request the framework refused (BadHttpRequestException) keeps its 4xx on the error page.
                    StatusCodeSelector = BindingProblems.StatusOf,
                    // Those are the request's fault, not a crash: no error log (a form over plain HTTP logs its own warning).
                    SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
                });
            }
            else
                site.UseDeveloperExceptionPage();
            site.UseStatusCodePagesWithReExecute("/error/{0}");
        });

        // After the error pages, so a refused scrape gets the site's own 404 page, as for any missing address.
        app.UseMetricsAccess();

        if (app.Environment.IsProduction())
        {
            app.UseHsts();
            // Issue 17: the probes and the scrape answer over plain HTTP too (a load balancer or Prometheus asking
            // 127.0.0.1:5000 directly, not through the proxy); they hold nothing personal.
            var metricsPath = app.Services.GetRequiredService<TelemetrySettings>().MetricsPath;
            app.UseWhen(
                c => !c.Request.Path.StartsWithSegments("/healthz") && !c.Request.Path.Equals(metricsPath, StringComparison.OrdinalIgnoreCase),
                https => https.UseHttpsRedirection());
        }

        // Authentication runs before compression and caching headers: both depend on whether the response is personal.
        app.UseAuthentication();
        app.UseCachingHeaders();
        app.UseCompressionForPublicResponses();
        // A public page kept a moment ago is answered here, before routing; it is kept after authorization.
        app.UsePublicPageCache();
        app.UseRouting();
        app.UseRouteValueRules();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UsePublicPageKeeping();

        app.MapStaticAssets().RequireAssetFiles(app);
        app.MapRazorPages().WithStaticAssets();
        // Issue 19: only the one document; another name is the site's 404 page, not OpenAPI's plain-text one.
        app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json");
        app.MapMedAtlasHealth();
        app.MapMedAtlasMetrics();
        app.MapTextSize();
        return app;
    }

    /// <summary>
    /// The root of the JSON API; each feature maps its group under it (<c>/api/v1/drugs</c>). A group requires a
    /// signed-in account unless the feature says otherwise: public catalogue lookups call <c>.AllowAnonymous()</c>
    /// on their group, so a new endpoint is never public by accident (a test lists every endpoint and its policy).
    /// </summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app, string prefix, string tag)
    {
        var group = app.MapGroup($"/api/v1/{prefix}").WithTags(tag);
        group.RequireAuthorization();
        return group;
    }
}
