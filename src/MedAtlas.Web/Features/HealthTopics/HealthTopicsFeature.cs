using MedAtlas.Web.Features.HealthTopics.Import;
using MedAtlas.Web.Infrastructure.Import;

namespace MedAtlas.Web.Features.HealthTopics;

/// <summary>MedlinePlus health topics (issue 11 part 8): NLM's topic summaries and curated links, imported from its XML.</summary>
internal static class HealthTopicsFeature
{
    public static WebApplicationBuilder AddHealthTopics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IImporter, MedlinePlusImporter>();
        builder.Services.AddScoped<HealthTopicCatalog>();
        return builder;
    }

    /// <summary>The topics are Razor Pages only (no API yet); nothing to map beyond them.</summary>
    public static WebApplication MapHealthTopics(this WebApplication app) => app;
}
