using System.Net.Http.Json;
using GitHost.Data;
using Xunit;

namespace GitHost.Server.Tests.Authorization;

public sealed class AuthorizationMatrixTests(MatrixWorlds worlds) : IClassFixture<MatrixWorlds>
{
    public static TheoryData<string, DatabaseProvider> Cases
    {
        get
        {
            var data = new TheoryData<string, DatabaseProvider>();
            foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            {
                foreach (var row in MatrixRows.All)
                {
                    data.Add(row.ToString(), provider);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_answers_each_role_as_bitbucket_does(string endpoint, DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var row = MatrixRows.All.Single(r => r.ToString() == endpoint);
        var world = await worlds.GetAsync(provider);
        var mismatches = new List<string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            using var client = world.ClientFor(role);
            var suffix = role.ToString().ToLowerInvariant() + Guid.NewGuid().ToString("N")[..6];
            using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path.Replace("{s}", suffix, StringComparison.Ordinal));
            if (row.Body is not null)
            {
                request.Content = JsonContent.Create(row.Body(suffix));
            }
            else if (row.Method is "POST" or "PUT")
            {
                request.Headers.Add("X-Atlassian-Token", "no-check");
            }

            using var response = await client.SendAsync(request, ct);
            var expected = row.Expected[(int)role];
            if ((int)response.StatusCode != expected)
            {
                mismatches.Add($"{role}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
            else if (expected is 401 or 404 && !(await response.Content.ReadAsStringAsync(ct)).Contains("\"exceptionName\"", StringComparison.Ordinal))
            {
                mismatches.Add($"{role}: {expected} without Bitbucket's error envelope");
            }
        }

        Assert.True(mismatches.Count == 0, $"{endpoint} on {provider}:\n" + string.Join("\n", mismatches));
    }
}
