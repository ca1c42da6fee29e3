using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Insights;

/// <summary>Required Code Insights reports (GitHost's <c>/rest/insights/1.0/.../required-reports</c>) and their merge check.</summary>
public sealed class RequiredReportTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Required(PullRequestRepo repo) => $"/rest/insights/1.0/projects/{repo.Key}/repos/{repo.Slug}/required-reports";

    [Theory]
    [AllDatabases]
    public async Task A_required_report_vetoes_the_merge_until_it_passes_on_the_source_head(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "IRQ", "veto-" + provider.ToString().ToLowerInvariant(), Ct);
        using var admin = server.AdminClient();
        var created = await (await admin.PostAsJsonAsync(Required(repo), new
        {
            reportKey = "com.example.sonar", mustPass = true, refMatcher = new { id = "main", type = new { id = "BRANCH" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await repo.OpenAsync(admin, Ct);
        var report = $"/rest/insights/1.0/projects/{repo.Key}/repos/{repo.Slug}/commits/{repo.FeatureHead}/reports/com.example.sonar";
        var merge = repo.PullRequests + "/1/merge";

        var missing = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PutAsJsonAsync(report, new { title = "Sonar", result = "FAIL" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var failed = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PutAsJsonAsync(report, new { title = "Sonar", result = "PASS" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var passed = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var newHead = await repo.PushAsync("feature", "another change", Ct);
        var moved = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("com.example.sonar", created.GetProperty("reportKey").GetString());
        Assert.True(created.GetProperty("mustPass").GetBoolean());
        Assert.Equal("refs/heads/main", created.GetProperty("refMatcher").GetProperty("id").GetString());
        Assert.False(missing.GetProperty("canMerge").GetBoolean());
        var veto = Assert.Single(missing.GetProperty("vetoes").EnumerateArray());
        Assert.Contains("com.example.sonar", veto.GetProperty("summaryMessage").GetString());
        Assert.Contains("has not been posted yet", veto.GetProperty("detailedMessage").GetString());
        Assert.Contains("failed", Assert.Single(failed.GetProperty("vetoes").EnumerateArray()).GetProperty("detailedMessage").GetString());
        Assert.True(passed.GetProperty("canMerge").GetBoolean());
        Assert.NotEqual(repo.FeatureHead, newHead);
        Assert.False(moved.GetProperty("canMerge").GetBoolean());
    }

    [Fact]
    public async Task Required_reports_are_listed_replaced_and_deleted_and_only_matching_targets_are_checked()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "IRQ", "crud", Ct);
        using var admin = server.AdminClient();
        var created = await (await admin.PostAsJsonAsync(Required(repo), new
        {
            reportKey = "scan", refMatcher = new { id = "RELEASE", type = new { id = "MODEL_CATEGORY" } },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var id = created.GetProperty("id").GetInt64();
        await repo.OpenAsync(admin, Ct);
        var merge = repo.PullRequests + "/1/merge";
        var report = $"/rest/insights/1.0/projects/{repo.Key}/repos/{repo.Slug}/commits/{repo.FeatureHead}/reports/scan";

        var otherTarget = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var replaced = await (await admin.PutAsJsonAsync(Required(repo) + "/" + id, new { reportKey = "scan", mustPass = false }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var anyTarget = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PutAsJsonAsync(report, new { title = "Scan", result = "FAIL" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var existsEnough = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var listed = await (await admin.GetAsync(Required(repo), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync(Required(repo) + "/" + id, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.DeleteAsync(Required(repo) + "/" + id, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        Assert.True(created.GetProperty("mustPass").GetBoolean());
        Assert.True(otherTarget.GetProperty("canMerge").GetBoolean());
        Assert.False(replaced.GetProperty("mustPass").GetBoolean());
        Assert.Equal("ANY_REF", replaced.GetProperty("refMatcher").GetProperty("type").GetProperty("id").GetString());
        Assert.False(anyTarget.GetProperty("canMerge").GetBoolean());
        Assert.True(existsEnough.GetProperty("canMerge").GetBoolean());
        Assert.Equal(1, listed.Values().GetArrayLength());
    }

    [Theory]
    [InlineData("{}", "reportKey")]
    [InlineData("{\"reportKey\":\"  \"}", "reportKey")]
    [InlineData("{\"reportKey\":\"k\\u0001\"}", "key")]
    [InlineData("{\"reportKey\":\"k\",\"refMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"NOPE\"}}}", "refMatcher")]
    [InlineData("{\"reportKey\":\"k\",\"mustPass\":\"yes\"}", null)]
    [InlineData("{\"reportKey\":", null)]
    public async Task Invalid_required_reports_are_rejected(string json, string? field)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "IRQ", "invalid-" + Guid.NewGuid().ToString("N")[..8], Ct);
        using var admin = server.AdminClient();

        var error = await (await admin.PostAsync(Required(repo), new StringContent(json, Encoding.UTF8, "application/json"), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var listed = await (await admin.GetAsync(Required(repo), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        if (field is not null)
        {
            Assert.Equal(field, error.GetProperty("errors")[0].GetProperty("context").GetString());
        }

        Assert.Equal(0, listed.Values().GetArrayLength());
    }
}
