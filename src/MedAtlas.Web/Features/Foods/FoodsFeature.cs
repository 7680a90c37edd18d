using MedAtlas.Web.Features.Foods.Import;
using MedAtlas.Web.Infrastructure.Import;
using MedAtlas.Web.Infrastructure.StarterData;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Foods;

/// <summary>The foods catalogue: USDA SR28 foods, their nutrients and household measures; import, search and the API.</summary>
internal static class FoodsFeature
{
    public static WebApplicationBuilder AddFoods(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IStarterDataSet, FoodsStarterData>();
        builder.Services.AddSingleton<IImporter, Sr28Importer>();
        builder.Services.AddSingleton<FoodSearchIndex>();
        builder.Services.AddSingleton<IWarmable>(sp => sp.GetRequiredService<FoodSearchIndex>());
        builder.Services.AddScoped<FoodCatalog>();
        return builder;
    }

    public static WebApplication MapFoods(this WebApplication app)
    {
        app.MapApiV1("foods", "Foods").AllowAnonymous().WithPublicCache().MapFoodsApi();
        return app;
    }
}
