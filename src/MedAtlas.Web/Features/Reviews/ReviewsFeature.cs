using MedAtlas.Web.Features.Moderation;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>Drug reviews: patients rate a medicine for their condition; aggregates, filters, helpful votes, moderation.</summary>
internal static class ReviewsFeature
{
    public static WebApplicationBuilder AddReviews(this WebApplicationBuilder builder)
    {
        // The store: every change to reviews and their aggregates; reviews as moderated content.
        builder.Services.AddScoped<ReviewStore>();
        builder.Services.AddScoped<ReviewContent>();
        builder.Services.AddScoped<IModeratedContent>(sp => sp.GetRequiredService<ReviewContent>());
        return builder;
    }

    public static WebApplication MapReviews(this WebApplication app) => app;
}
