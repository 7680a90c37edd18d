using MedAtlas.Web.Features.Drugs.Import;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Drugs;

/// <summary>Drugs and supplements: the catalogue, monographs, search, RxNorm codes, and the Drugs@FDA, DailyMed and RxNorm crosswalk importers.</summary>
internal static class DrugsFeature
{
    public static WebApplicationBuilder AddDrugs(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IStarterDataSet, DrugsStarterData>();
        builder.Services.AddScoped<DrugCatalog>();
        builder.Services.AddScoped<DrugCodes>();
        builder.Services.AddScoped<DrugLinks>();
        builder.Services.AddSingleton<MonographCache>();
        builder.Services.AddSingleton<DrugSearchIndex>();
        builder.Services.AddSingleton<IWarmable>(sp => sp.GetRequiredService<DrugSearchIndex>());
        builder.Services.AddSingleton<ISiteSearchSource, DrugSiteSearchSource>();
        builder.Services.AddSingleton<IImporter, DrugsAtFdaImporter>();
        builder.Services.AddSingleton<IImporter, DailyMedImporter>();
        builder.Services.AddSingleton<IImporter, RxNormIngredientImporter>();
        builder.Services.AddScoped<ISitemapSource, DrugSitemapSource>();
        builder.Services.AddScoped<ISitemapSource, DrugClassSitemapSource>();
        builder.Services.AddSiteArea(new SiteArea("Drugs & Supplements", "/drugs",
            "Look up a medicine or supplement: uses, how to take it, side effects, warnings and interactions.", 10));
        return builder;
    }

    public static WebApplication MapDrugs(this WebApplication app)
    {
        app.MapApiV1("drugs", "Drugs").AllowAnonymous().WithPublicCache("kind", "class", "letter", "page", "pageSize").MapDrugsApi();
        return app;
    }
}
