using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>Drug reviews: patients rate a medicine for their condition; aggregates, filters, helpful votes, moderation.</summary>
internal static class ReviewsFeature
{
    /// <summary>The rate-limit policy of "Was this review helpful?" (per account; setting <c>Reviews:HelpfulVotesPerHour</c>).</summary>
    public const string HelpfulVoteLimit = "review-helpful";

    public static WebApplicationBuilder AddReviews(this WebApplicationBuilder builder)
    {
        // The store: every change to reviews and their aggregates; reviews as moderated content.
        builder.Services.AddScoped<ReviewStore>();
        builder.Services.AddScoped<ReviewContent>();
        builder.Services.AddScoped<IModeratedContent>(sp => sp.GetRequiredService<ReviewContent>());

        // Reading (task R): the list and summary queries, the drug and condition pages' sections, helpful votes.
        builder.Services.AddScoped<ReviewQueries>();
        builder.Services.AddScoped<HelpfulVotes>();
        builder.Services.AddScoped<IDrugReviews, DrugPageReviews>();
        builder.Services.AddScoped<IConditionDrugRatings, ConditionDrugRatings>();
        var votesPerHour = builder.Configuration.GetValue<int?>("Reviews:HelpfulVotesPerHour") ?? 60;
        builder.Services.AddRateLimiter(options => options.AddPostLimitPerAccount(HelpfulVoteLimit, votesPerHour, TimeSpan.FromHours(1)));
        // End of reading (task R).
        return builder;
    }

    public static WebApplication MapReviews(this WebApplication app)
    {
        // Reading (task R): the public JSON API beside the drugs group's other lookups.
        app.MapApiV1("drugs", "Reviews").AllowAnonymous().MapReviewsApi();
        return app;
    }
}
