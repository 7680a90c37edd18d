using System.Diagnostics.Metrics;
using MedAtlas.Web.Infrastructure.Data;
using MedAtlas.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace MedAtlas.Web.Infrastructure.Observability;

/// <summary>
/// <c>medatlas.outbox.pending</c>: mails waiting to be sent, counted in the database when metrics are collected (a
/// scrape, an OTLP export), so it is right on every node and costs nothing between collections.
/// </summary>
internal sealed class OutboxPendingGauge : IDisposable
{
    private readonly Meter meter = new(MedAtlasMetrics.MeterName);

    public OutboxPendingGauge(IServiceScopeFactory scopes) =>
        meter.CreateObservableGauge("medatlas.outbox.pending", () => Count(scopes), "{message}", "Mails queued in the outbox and not yet sent or given up on.");

    public void Dispose() => meter.Dispose();

    private static long Count(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<MedAtlasDbContext>().Set<OutboxMessage>().LongCount(m => m.Status == OutboxStatus.Pending);
    }
}
