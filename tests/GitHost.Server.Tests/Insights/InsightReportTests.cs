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

/// <summary>Code Insights reports and annotations (<c>/rest/insights/1.0</c>), as SonarQube and Snyk post them.</summary>
public sealed class InsightReportTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Commit(PullRequestRepo repo, string sha) => $"/rest/insights/1.0/projects/{repo.Key}/repos/{repo.Slug}/commits/{sha}";

    [Theory]
    [AllDatabases]
    public async Task A_scanner_puts_a_report_with_annotations_and_reads_them_back(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "INS", "report-" + provider.ToString().ToLowerInvariant(), Ct);
        var bot = "scanner-" + provider;
        await server.CreateUserAsync(bot, Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, bot, "REPO_READ", Ct);
        using var scanner = server.Client(bot);
        var report = Commit(repo, repo.FeatureHead) + "/reports/com.example.lint";

        var put = await (await scanner.PutAsJsonAsync(report, new
        {
            title = "Lint", details = "Static analysis", result = "FAIL", reporter = "Example Lint", link = "https://lint.example.com/r/1",
            logoUrl = "https://lint.example.com/logo.png",
            data = new object[]
            {
                new { title = "Issues", type = "NUMBER", value = 3 },
                new { title = "Coverage", type = "PERCENTAGE", value = 85.5 },
                new { title = "Gate", type = "BOOLEAN", value = false },
                new { title = "Details", type = "LINK", value = new { linktext = "Open", href = "https://lint.example.com/r/1" } },
                new { title = "Note", value = "plain" },
            },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await scanner.PostAsJsonAsync(report + "/annotations", new
        {
            annotations = new object[]
            {
                new { externalId = "a1", path = "src/app.txt", line = 2, message = "Magic number", severity = "MEDIUM", type = "CODE_SMELL", link = "https://lint.example.com/a1" },
                new { path = "src/app.txt", message = "Possible bug", severity = "HIGH", type = "BUG" },
                new { message = "Whole change", severity = "LOW" },
            },
        }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await scanner.PutAsJsonAsync(report + "/annotations/a1", new { path = "src/app.txt", line = 4, message = "Moved", severity = "LOW" }, Ct))
            .ExpectAsync(HttpStatusCode.NoContent, Ct);

        var got = await (await scanner.GetAsync(report, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var listed = await (await scanner.GetAsync(Commit(repo, repo.FeatureHead) + "/reports", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var ofReport = await (await scanner.GetAsync(report + "/annotations", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var high = await (await scanner.GetAsync(Commit(repo, repo.FeatureHead) + "/annotations?severity=HIGH&path=src/app.txt", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var byKey = await (await scanner.GetAsync(Commit(repo, repo.FeatureHead) + "/annotations?key=com.example.lint&externalId=a1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await scanner.DeleteAsync(report + "/annotations?externalId=a1", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var afterOne = await (await scanner.GetAsync(report + "/annotations", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await scanner.DeleteAsync(report, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await scanner.GetAsync(report, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var afterDelete = await (await scanner.GetAsync(Commit(repo, repo.FeatureHead) + "/annotations", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("com.example.lint", put.GetProperty("key").GetString());
        Assert.Equal("FAIL", got.GetProperty("result").GetString());
        Assert.Equal("Example Lint", got.GetProperty("reporter").GetString());
        Assert.Equal(5, got.GetProperty("data").GetArrayLength());
        Assert.Equal(85.5, got.GetProperty("data")[1].GetProperty("value").GetDouble());
        Assert.Equal("https://lint.example.com/r/1", got.GetProperty("data")[3].GetProperty("value").GetProperty("href").GetString());
        Assert.True(got.GetProperty("createdDate").GetInt64() > 0);
        Assert.Equal(1, listed.Values().GetArrayLength());
        Assert.Equal(3, ofReport.GetProperty("annotations").GetArrayLength());
        var moved = ofReport.GetProperty("annotations").EnumerateArray().Single(a => a.TryGetProperty("externalId", out var id) && id.GetString() == "a1");
        Assert.Equal(4, moved.GetProperty("line").GetInt32());
        Assert.Equal("com.example.lint", moved.GetProperty("reportKey").GetString());
        var onlyHigh = Assert.Single(high.GetProperty("annotations").EnumerateArray());
        Assert.Equal("BUG", onlyHigh.GetProperty("type").GetString());
        Assert.Single(byKey.GetProperty("annotations").EnumerateArray());
        Assert.Equal(2, afterOne.GetProperty("annotations").GetArrayLength());
        Assert.Equal(0, afterDelete.GetProperty("annotations").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"data\":[]}", "title")]
    [InlineData("{\"title\":\"\"}", "title")]
    [InlineData("{\"title\":\"t\",\"result\":\"MAYBE\"}", "result")]
    [InlineData("{\"title\":\"t\",\"link\":\"javascript:alert(1)\"}", "link")]
    [InlineData("{\"title\":\"t\",\"logoUrl\":\"data:image/png;base64,AAAA\"}", "logoUrl")]
    [InlineData("{\"title\":\"t\",\"data\":[{\"title\":\"a\",\"value\":1},{\"title\":\"b\",\"value\":1},{\"title\":\"c\",\"value\":1},{\"title\":\"d\",\"value\":1},{\"title\":\"e\",\"value\":1},{\"title\":\"f\",\"value\":1},{\"title\":\"g\",\"value\":1}]}", "data")]
    [InlineData("{\"title\":\"t\",\"data\":[{\"title\":\"p\",\"type\":\"PERCENTAGE\",\"value\":101}]}", "data")]
    [InlineData("{\"title\":\"t\",\"data\":[{\"title\":\"n\",\"type\":\"NUMBER\",\"value\":\"three\"}]}", "data")]
    [InlineData("{\"title\":\"t\",\"data\":[{\"title\":\"l\",\"type\":\"LINK\",\"value\":{\"href\":\"javascript:x\"}}]}", "data")]
    [InlineData("{\"title\":\"t\",\"data\":[{\"title\":\"x\",\"type\":\"COLOUR\",\"value\":1}]}", "data")]
    [InlineData("{\"title\":\"t\",\"data\":[{\"type\":\"TEXT\",\"value\":\"v\"}]}", "data")]
    [InlineData("{\"title\":\"t\",\"data\":[{\"title\":\"o\",\"value\":{\"nested\":true}}]}", "data")]
    public async Task Invalid_reports_are_rejected_naming_the_field(string json, string field)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "INS", "invalid-" + Guid.NewGuid().ToString("N")[..8], Ct);
        using var admin = server.AdminClient();

        var error = await (await admin.PutAsync(Commit(repo, repo.FeatureHead) + "/reports/r", new StringContent(json, Encoding.UTF8, "application/json"), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Equal(field, error.GetProperty("errors")[0].GetProperty("context").GetString());
        await (await admin.GetAsync(Commit(repo, repo.FeatureHead) + "/reports/r", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
    }

    [Fact]
    public async Task Oversized_hostile_and_foreign_writes_are_rejected_and_nothing_is_stored()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "INS", "bad", Ct);
        await server.CreateUserAsync("ins-other", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "ins-other", "REPO_WRITE", Ct);
        using var admin = server.AdminClient();
        using var other = server.Client("ins-other");
        using var anonymous = server.Client();
        var commit = Commit(repo, repo.FeatureHead);
        var report = commit + "/reports/r";

        await (await admin.PutAsync(report, new StringContent("{\"title\":", Encoding.UTF8, "application/json"), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var longTitle = await (await admin.PutAsJsonAsync(report, new { title = new string('t', 451) }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var longDetails = await (await admin.PutAsJsonAsync(report, new { title = "t", details = new string('d', 2001) }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PutAsJsonAsync(Commit(repo, new string('a', 40)) + "/reports/r", new { title = "t" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PutAsJsonAsync(Commit(repo, "HEAD") + "/reports/r", new { title = "t" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await anonymous.PutAsJsonAsync(report, new { title = "t" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await admin.PostAsJsonAsync(report + "/annotations", new { annotations = new[] { new { message = "m", severity = "LOW" } } }, Ct))
            .ExpectAsync(HttpStatusCode.NotFound, Ct);

        await (await admin.PutAsJsonAsync(report, new { title = "t", result = "PASS" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await other.PutAsJsonAsync(report, new { title = "hijacked", result = "PASS" }, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await other.DeleteAsync(report, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await other.PostAsJsonAsync(report + "/annotations", new { annotations = new[] { new { message = "m", severity = "LOW" } } }, Ct))
            .ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        var empty = await (await admin.PostAsJsonAsync(report + "/annotations", new { annotations = Array.Empty<object>() }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var badSeverity = await (await admin.PostAsJsonAsync(report + "/annotations", new { annotations = new[] { new { message = "m", severity = "FATAL" } } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var longMessage = await (await admin.PostAsJsonAsync(report + "/annotations", new { annotations = new[] { new { message = new string('m', 2001), severity = "LOW" } } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var negativeLine = await (await admin.PostAsJsonAsync(report + "/annotations", new { annotations = new[] { new { message = "m", severity = "LOW", line = -1 } } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var hostileLink = await (await admin.PostAsJsonAsync(report + "/annotations", new { annotations = new[] { new { message = "m", severity = "LOW", link = "javascript:alert(1)" } } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var tooMany = await (await admin.PostAsJsonAsync(report + "/annotations",
            new { annotations = Enumerable.Range(0, 1001).Select(i => new { message = "m" + i, severity = "LOW" }).ToArray() }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PostAsJsonAsync(report + "/annotations",
            new { annotations = Enumerable.Range(0, 1000).Select(i => new { message = "m" + i, severity = "LOW" }).ToArray() }, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var overLimit = await (await admin.PostAsJsonAsync(report + "/annotations", new { annotations = new[] { new { message = "one more", severity = "LOW" } } }, Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var stored = await (await admin.GetAsync(report, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var annotations = await (await admin.GetAsync(report + "/annotations", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("title", longTitle.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("details", longDetails.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("annotations", empty.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("severity", badSeverity.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("message", longMessage.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("line", negativeLine.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("link", hostileLink.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("annotations", tooMany.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("annotations", overLimit.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("t", stored.GetProperty("title").GetString());
        Assert.Equal(1000, annotations.GetProperty("annotations").GetArrayLength());
    }
}
