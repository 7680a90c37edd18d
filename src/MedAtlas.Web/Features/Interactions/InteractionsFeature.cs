using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Interactions;

/// <summary>The interaction checker: curated rules, imported sources side by side, the page and the API.</summary>
internal static class InteractionsFeature
{
    public static WebApplicationBuilder AddInteractions(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IStarterDataSet, InteractionsStarterData>();
        builder.Services.AddSingleton<InteractionIndex>();
        builder.Services.AddSingleton<IWarmable>(sp => sp.GetRequiredService<InteractionIndex>());
        builder.Services.AddSingleton<InteractionChecker>();
        builder.Services.AddSingleton<Infrastructure.Import.IImporter, Import.DdInterImporter>();
        builder.Services.AddSingleton<Infrastructure.Import.IImporter, Import.OncDdiImporter>();
        builder.Services.AddSiteArea(new SiteArea("Interaction Checker", "/interaction-checker",
            "List your medicines and see which interact, how badly, and what to do.", 30));
        return builder;
    }

    public static WebApplication MapInteractions(this WebApplication app)
    {
        app.MapApiV1("interactions", "Interactions").AllowAnonymous().MapInteractionsApi();
        return app;
    }
}
