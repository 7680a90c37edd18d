namespace MedAtlas.Web.Features.Reviews;

/// <summary>Drug reviews: patients rate a medicine for their condition; aggregates, filters, helpful votes, moderation.</summary>
internal static class ReviewsFeature
{
    public static WebApplicationBuilder AddReviews(this WebApplicationBuilder builder)
    {
        return builder;
    }

    public static WebApplication MapReviews(this WebApplication app) => app;
}
