using MedAtlas.Web.Features.Accounts;
using MedAtlas.Web.Features.Conditions;
using MedAtlas.Web.Features.Drugs;
using MedAtlas.Web.Features.Moderation;
using MedAtlas.Web.Infrastructure.Web;

namespace MedAtlas.Web.Features.Reviews;

/// <summary>Drug reviews: patients rate a medicine for their condition; aggregates, filters, helpful votes, moderation.</summary>
internal static class ReviewsFeature
{
    // Writing (task W): the rate limit on the write and edit forms, and the form's size bounds.

    /// <summary>POSTs of the write and edit forms per account per hour: <c>Reviews:WritesPerHour</c> (docs/configuration.md).</summary>
    public const string WriteLimit = "reviews-write";

    /// <summary>
    /// The largest form field read (a review is 5,000 characters; a pasted 100 KB text still gets the length message
    /// beside the field, not a form-limit 400) and the largest body (all fields, every side effect ticked).
    /// </summary>
    public const int LargestFormValue = 512 * 1024;

    public const int LargestFormBody = 1024 * 1024;
    /// <summary>The rate-limit policy of "Was this review helpful?" (per account; setting <c>Reviews:HelpfulVotesPerHour</c>).</summary>
    public const string HelpfulVoteLimit = "review-helpful";

    public static WebApplicationBuilder AddReviews(this WebApplicationBuilder builder)
    {
        // The store: every change to reviews and their aggregates; reviews as moderated content.
        builder.Services.AddScoped<ReviewStore>();
        builder.Services.AddScoped<ReviewContent>();
        builder.Services.AddScoped<IModeratedContent>(sp => sp.GetRequiredService<ReviewContent>());

        // Writing (task W): the form's rate limit, its shared steps, the person's reviews in their data.
        var writesPerHour = builder.Configuration.GetValue<int?>("Reviews:WritesPerHour") ?? 10;
        if (writesPerHour < 1)
            throw new Infrastructure.Data.MedAtlasConfigurationException($"Reviews:WritesPerHour is {writesPerHour}; it must be at least 1.");
        builder.Services.AddRateLimiter(options => options.AddPostLimitPerAccount(WriteLimit, writesPerHour, TimeSpan.FromHours(1)));
        builder.Services.AddScoped<ReviewFormSource>();
        builder.Services.AddScoped<IPersonalDataSource, ReviewsPersonalData>();
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
        app.MapApiV1("drugs", "Reviews").AllowAnonymous().WithPublicCache("sort", "page").MapReviewsApi();
        return app;
    }
}
