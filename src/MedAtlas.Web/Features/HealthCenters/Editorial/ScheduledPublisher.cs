using MedAtlas.Web.Infrastructure.Jobs;

namespace MedAtlas.Web.Features.HealthCenters.Editorial;

/// <summary>
/// Publishes approved revisions at their set time (<see cref="ContentWorkflow.PublishDueAsync"/>). One node at a time
/// holds the job's lease, so two nodes never publish the same revision; a second run finds nothing due.
/// </summary>
internal sealed class ScheduledPublisher(ContentWorkflow workflow, ILogger<ScheduledPublisher> logger) : IJob
{
    public const string JobName = "health-scheduled-publish";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var published = await workflow.PublishDueAsync(cancellationToken);
        if (published > 0)
            logger.LogInformation("Published {Count} scheduled health revision(s).", published);
    }
}
