using System.Diagnostics;

namespace GitHost.Cluster.Tests;

/// <summary>Asks again until the cluster has caught up, for what happens on another node or after a kill.</summary>
internal static class Eventually
{
    /// <summary>Asks until <paramref name="done"/> holds; returns the last answer and how long it took to get there.</summary>
    /// <param name="describe">What the last answer says, for the timeout message.</param>
    public static async Task<(T Answer, TimeSpan Took)> UntilAsync<T>(
        Func<Task<T>> ask, Func<T, bool> done, TimeSpan limit, Func<T, string> describe, CancellationToken cancellationToken, int pollMs = 100)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            var answer = await ask();
            if (done(answer))
            {
                return (answer, started.Elapsed);
            }

            if (started.Elapsed > limit)
            {
                throw new TimeoutException($"{describe(answer)} after {started.Elapsed.TotalMilliseconds:F0} ms.");
            }

            await Task.Delay(pollMs, cancellationToken);
        }
    }
}
