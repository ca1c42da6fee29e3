using System.Diagnostics;
using System.Net;
using GitHost.Data;
using GitHost.Server.Tests.Users;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Auth;

/// <summary>A wrong password must cost the same whether the name exists or not, or the clock tells which names exist.</summary>
public sealed class UserNameTimingTests
{
    private const int Tries = 50;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unknown_and_known_user_names_are_refused_in_the_same_time()
    {
        // No lock during the measurement: a locked name answers without hashing, for both kinds alike.
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct, new Dictionary<string, string?>
        {
            ["GitHost:Security:MaxFailedAccessAttempts"] = "100",
        });
        await server.CreateUserAsync("timed-user", Ct);
        using var known = server.Client("timed-user", "wrong-password");
        using var unknown = server.Client("no-such-user-anywhere", "wrong-password");
        await TimeAsync(known, 3);
        await TimeAsync(unknown, 3);

        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < Tries; i++)
        {
            knownTimes.AddRange(await TimeAsync(known, 1));
            unknownTimes.AddRange(await TimeAsync(unknown, 1));
        }

        // The lower quartile rather than the median: other tests running beside this one only ever add time,
        // so the fast quarter of each sample is what the server itself spends. Skipping the hash for unknown
        // names makes them ~20 times faster, so half-to-double still tells the two designs apart.
        var knownQuartile = LowerQuartile(knownTimes);
        var unknownQuartile = LowerQuartile(unknownTimes);
        Assert.True(unknownQuartile >= 0.5 * knownQuartile && unknownQuartile <= 2 * knownQuartile,
            $"lower quartile known {knownQuartile:F1} ms, unknown {unknownQuartile:F1} ms");
    }

    private static async Task<List<double>> TimeAsync(HttpClient client, int times)
    {
        var elapsed = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var response = await client.WhoAmIAsync("timed-user", Ct);
            elapsed.Add(stopwatch.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        return elapsed;
    }

    private static double LowerQuartile(List<double> values) => values.Order().ElementAt(values.Count / 4);
}
