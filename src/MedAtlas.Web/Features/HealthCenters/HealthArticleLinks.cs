namespace MedAtlas.Web.Features.HealthCenters;

/// <summary>What a drug's or a condition's page lists under "From our health centers".</summary>
internal interface IHealthArticleLinks
{
    Task<IReadOnlyList<HealthArticleLink>> ForDrugAsync(string drugSlug, CancellationToken cancellationToken);

    Task<IReadOnlyList<HealthArticleLink>> ForConditionAsync(string conditionSlug, CancellationToken cancellationToken);
}

/// <summary>The home page's "Today" strip (editors choose through the featured flag; newest first otherwise).</summary>
internal interface IHealthToday
{
    Task<TodayStrip> TodayAsync(CancellationToken cancellationToken);
}
