namespace MedAtlas.Tests.Infrastructure;

/// <summary>
/// Waits for background work (a job, a mail) to reach a state, polling up to a generous bound. It fails with
/// what was awaited, never because something was slow but finished: tests do not assert timings.
/// </summary>
public static class Eventually
{
    public static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? upTo = null)
    {
        var deadline = DateTime.UtcNow + (upTo ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Still waiting for {what}; last seen: {value}");
            await Task.Delay(100);
        }
    }
}
