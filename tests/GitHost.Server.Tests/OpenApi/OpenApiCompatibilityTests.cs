using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.OpenApi;

/// <summary>
/// Every REST operation GitHost serves sits where Bitbucket Data Center's OpenAPI document puts it
/// (same module, path and method), unless it is one of GitHost's own extensions listed here with
/// its reason. bitbucket-dc-paths.txt holds the method and path of each operation of Atlassian's
/// document for 9.2 with parameters written as {} (regenerate: for each path and method of the
/// document, print "METHOD path" with every {name} replaced by {}).
/// </summary>
public sealed partial class OpenApiCompatibilityTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static readonly Dictionary<string, string> Extensions = new()
    {
        ["GET /api/latest/workspaces"] = "workspaces are GitHost's own grouping of projects",
        ["POST /api/latest/workspaces"] = "workspaces",
        ["GET /api/latest/workspaces/{}"] = "workspaces",
        ["PUT /api/latest/workspaces/{}"] = "workspaces",
        ["DELETE /api/latest/workspaces/{}"] = "workspaces",
        ["GET /api/latest/workspaces/{}/members"] = "workspaces",
        ["PUT /api/latest/workspaces/{}/members"] = "workspaces",
        ["DELETE /api/latest/workspaces/{}/members"] = "workspaces",
        ["GET /api/latest/projects/{}/repos/{}/compare/diff"] = "Bitbucket serves compare/diff{path:.*} (documented up to 8.x) but the 9.2 document omits it",
        ["GET /api/latest/projects/{}/repos/{}/compare/diff/{}"] = "as compare/diff",
        ["GET /insights/latest/projects/{}/repos/{}/required-reports"] = "Bitbucket configures its Code Insights merge check only in its web UI",
        ["POST /insights/latest/projects/{}/repos/{}/required-reports"] = "as required-reports",
        ["PUT /insights/latest/projects/{}/repos/{}/required-reports/{}"] = "as required-reports",
        ["DELETE /insights/latest/projects/{}/repos/{}/required-reports/{}"] = "as required-reports",
        ["GET /api/latest/projects/{}/repos/{}/compare/diff-stats-summary/{}"] = "Bitbucket's diff-stats-summary{path}, with the path as its own segment",
        ["GET /branch-utils/latest/projects/{}/repos/{}/branchmodel"] = "Bitbucket serves the branching model (documented up to 7.x) but the 9.2 document omits it",
        ["GET /branch-utils/latest/projects/{}/repos/{}/branchmodel/configuration"] = "as branchmodel",
        ["PUT /branch-utils/latest/projects/{}/repos/{}/branchmodel/configuration"] = "as branchmodel",
        ["DELETE /branch-utils/latest/projects/{}/repos/{}/branchmodel/configuration"] = "as branchmodel",
        ["GET /branch-utils/latest/projects/{}/branchmodel/configuration"] = "as branchmodel, at project level",
        ["PUT /branch-utils/latest/projects/{}/branchmodel/configuration"] = "as branchmodel, at project level",
        ["DELETE /branch-utils/latest/projects/{}/branchmodel/configuration"] = "as branchmodel, at project level",
        ["GET /api/latest/projects/{}/webhooks/{}/deliveries"] = "webhook delivery history (Bitbucket shows only the latest invocation)",
        ["POST /api/latest/projects/{}/webhooks/{}/deliveries/{}/redeliver"] = "manual redelivery of a webhook event",
        ["GET /api/latest/projects/{}/repos/{}/webhooks/{}/deliveries"] = "as webhook deliveries",
        ["POST /api/latest/projects/{}/repos/{}/webhooks/{}/deliveries/{}/redeliver"] = "as webhook redelivery",
        ["GET /api/latest/projects/{}/webhooks/{}/deliveries/{}"] = "one webhook delivery",
        ["GET /api/latest/projects/{}/webhooks/{}/deliveries/{}/attempts"] = "every attempt of a webhook delivery (Bitbucket keeps no per-attempt history)",
        ["GET /api/latest/projects/{}/webhooks/{}/attempts"] = "every attempt of a webhook, newest first",
        ["GET /api/latest/projects/{}/repos/{}/webhooks/{}/deliveries/{}"] = "as one webhook delivery",
        ["GET /api/latest/projects/{}/repos/{}/webhooks/{}/deliveries/{}/attempts"] = "as a delivery's attempts",
        ["GET /api/latest/projects/{}/repos/{}/webhooks/{}/attempts"] = "as a webhook's attempts",
        ["GET /auditing/latest/events"] = "Atlassian's auditing REST, served by its platform plugin and absent from Bitbucket's document",
        ["POST /api/latest/projects/{}/repos/{}/optimize"] = "housekeeping of one repository now (as GitLab's POST /projects/:id/housekeeping); Data Center has no such call",
    };

    /// <summary>Whole modules Bitbucket Data Center does not have; everything under them is GitHost's own.</summary>
    private static readonly Dictionary<string, string> ExtensionModules = new()
    {
        ["/pipelines/latest/"] = "pipelines: Data Center has no built-in CI; the shapes follow Bitbucket Cloud's pipelines API (docs/pipelines.md)",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_rest_operation_is_where_bitbuckets_openapi_document_puts_it()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var anonymous = server.Client();
        var bitbucket = (await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "OpenApi", "bitbucket-dc-paths.txt"), Ct))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToHashSet(StringComparer.Ordinal);

        using var response = await anonymous.GetAsync("/rest/openapi/v1.json", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var ours = OurOperations(document.RootElement.GetProperty("paths")).ToList();
        var elsewhere = ours.Where(op => !bitbucket.Contains(op) && !Extensions.ContainsKey(op) && !ExtensionModules.Keys.Any(m => op.Contains(" " + m, StringComparison.Ordinal))).ToList();

        Assert.True(ours.Count > 100, $"only {ours.Count} operations found in GitHost's document");
        Assert.True(elsewhere.Count == 0, "Operations not where Bitbucket's OpenAPI document puts them:\n" + string.Join('\n', elsewhere));
        Assert.All(Extensions.Keys, extension => Assert.Contains(extension, ours));
        Assert.All(ExtensionModules.Keys, module => Assert.Contains(ours, op => op.Contains(" " + module, StringComparison.Ordinal)));
    }

    /// <summary><c>/rest/{module}/1.0/...</c> as Bitbucket's document writes it: <c>/{module}/latest/...</c>, parameters as {}.</summary>
    private static IEnumerable<string> OurOperations(JsonElement paths)
    {
        foreach (var path in paths.EnumerateObject())
        {
            var parts = path.Name.Split('/');
            if (parts.Length < 4 || parts[1] != "rest" || parts[3] != "1.0")
            {
                continue;
            }

            var normalized = Parameter().Replace("/" + parts[2] + "/latest/" + string.Join('/', parts[4..]), "{}").TrimEnd('/');
            foreach (var method in path.Value.EnumerateObject())
            {
                yield return method.Name.ToUpperInvariant() + " " + normalized;
            }
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
