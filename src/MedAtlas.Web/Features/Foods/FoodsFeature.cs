namespace MedAtlas.Web.Features.Foods;

/// <summary>The foods catalogue: USDA SR28 foods, their nutrients and household measures; import, search and the API.</summary>
internal static class FoodsFeature
{
    public static WebApplicationBuilder AddFoods(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FoodSearchIndex>();
        builder.Services.AddScoped<FoodCatalog>();
        return builder;
    }

    public static WebApplication MapFoods(this WebApplication app) => app;
}
