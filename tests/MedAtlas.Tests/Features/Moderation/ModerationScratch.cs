// SCRATCH: an in-memory review type until the lead's ReviewContent lands. Not committed.
using System.Collections.Concurrent;
using MedAtlas.Web.Features.Moderation;

namespace MedAtlas.Tests.Features.Moderation;

internal sealed class ScratchContent : IModeratedContent
{
    public static readonly ConcurrentDictionary<long, ModeratedItem> Items = new();
    private static long next;
    private static readonly Lock Gate = new();

    public string Type => "review";

    public string Label => "Drug review";

    public static long Add(string authorId, string text, ContentState state = ContentState.Published)
    {
        var id = Interlocked.Increment(ref next);
        Items[id] = new ModeratedItem("review", id, authorId, $"Review {id} of Testapril", text, $"/drugs/testapril/reviews#review-{id}", state, DateTime.UtcNow);
        return id;
    }

    public Task<ModeratedItem?> FindAsync(long id, CancellationToken cancellationToken) => Task.FromResult(Items.TryGetValue(id, out var i) ? i : null);

    public Task<bool> SetStateAsync(long id, ContentState from, ContentState to, CancellationToken cancellationToken)
    {
        lock (Gate)
        {
            if (!Items.TryGetValue(id, out var i) || i.State != from)
                return Task.FromResult(false);
            Items[id] = i with { State = to };
            return Task.FromResult(true);
        }
    }

    public Task<int> PublishedCountAsync(string authorId, CancellationToken cancellationToken) =>
        Task.FromResult(Items.Values.Count(i => i.AuthorId == authorId && i.State == ContentState.Published));
}
