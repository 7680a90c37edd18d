using MedAtlas.Web.Features.Conditions.Import;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Conditions;

/// <summary>Health conditions and the ICD-10-CM codes that name them.</summary>
internal static class ConditionsFeature
{
    public static WebApplicationBuilder AddConditions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IImporter, Icd10CmImporter>();
        builder.Services.AddScoped<ConditionCatalog>();
        builder.Services.AddScoped<IStarterDataSet, ConditionsStarterData>();
        builder.Services.AddScoped<ISitemapSource, ConditionSitemapSource>();
        builder.Services.AddSiteArea(new SiteArea("Conditions", "/conditions",
            "Find a health condition and the medicines used for it.", 20));
        return builder;
    }

    public static WebApplication MapConditions(this WebApplication app)
    {
        var group = app.MapApiV1("conditions", "Conditions").AllowAnonymous().WithPublicCache("page", "pageSize");
        group.MapConditionsApi();
        group.MapConditionsListApi();
        return app;
    }
}
