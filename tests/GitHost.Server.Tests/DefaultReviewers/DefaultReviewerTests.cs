using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.DefaultReviewers;

/// <summary>Default reviewers (<c>/rest/default-reviewers/1.0</c>): conditions, the reviewers preview, pull request creation and the approvals check.</summary>
public sealed class DefaultReviewerTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ProjectConditions(PullRequestRepo repo) => $"/rest/default-reviewers/1.0/projects/{repo.Key}";

    private static string RepoConditions(PullRequestRepo repo) => $"/rest/default-reviewers/1.0/projects/{repo.Key}/repos/{repo.Slug}";

    private static object Condition(string source, string sourceType, string target, string targetType, string[] reviewers, int requiredApprovals) => new
    {
        sourceMatcher = new { id = source, type = new { id = sourceType } },
        targetMatcher = new { id = target, type = new { id = targetType } },
        reviewers = reviewers.Select(name => new { name }).ToArray(),
        requiredApprovals,
    };

    [Theory]
    [AllDatabases]
    public async Task Matching_conditions_add_reviewers_to_a_new_pull_request_and_their_approvals_are_required(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var suffix = provider.ToString().ToLowerInvariant();
        var key = "DR" + suffix[..2].ToUpperInvariant();
        using var repo = await PullRequestRepo.CreateAsync(server, key, "create", Ct);
        string lead = "dr-lead-" + suffix, peer = "dr-peer-" + suffix, outsider = "dr-out-" + suffix;
        foreach (var user in new[] { lead, peer, outsider })
        {
            await server.CreateUserAsync(user, Ct);
        }

        await server.GrantRepositoryAsync(repo.Key, repo.Slug, lead, "REPO_READ", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, peer, "REPO_READ", Ct);
        using var admin = server.AdminClient();
        using var leadClient = server.Client(lead);
        var project = await (await admin.PostAsJsonAsync(ProjectConditions(repo) + "/condition",
            Condition("ANY_REF_MATCHER_ID", "ANY_REF", "main", "BRANCH", [lead, outsider], 1), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var repository = await (await admin.PostAsJsonAsync(RepoConditions(repo) + "/condition",
            Condition("feature", "BRANCH", "development", "MODEL_BRANCH", [peer], 0), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PostAsJsonAsync(RepoConditions(repo) + "/condition",
            Condition("release/*", "PATTERN", "ANY_REF_MATCHER_ID", "ANY_REF", [outsider], 0), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var preview = await (await admin.GetAsync(
            $"{RepoConditions(repo)}/reviewers?sourceRepoId={repo.Id}&targetRepoId={repo.Id}&sourceRefId=refs/heads/feature&targetRefId=refs/heads/main", Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        var pr = await repo.OpenAsync(admin, Ct);
        var merge = repo.PullRequests + "/1/merge";
        var waiting = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await leadClient.PutAsJsonAsync(repo.PullRequests + "/1/participants/" + lead, new { status = "APPROVED" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var approved = await (await admin.GetAsync(merge, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var repoList = await (await admin.GetAsync(RepoConditions(repo) + "/conditions", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var projectList = await (await admin.GetAsync(ProjectConditions(repo) + "/conditions", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("PROJECT", project.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal("REPOSITORY", repository.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal(repo.Id, repository.GetProperty("scope").GetProperty("resourceId").GetInt64());
        Assert.Equal("refs/heads/main", project.GetProperty("targetRefMatcher").GetProperty("id").GetString());
        Assert.Equal(1, project.GetProperty("requiredApprovals").GetInt32());
        Assert.Equal(2, project.GetProperty("reviewers").GetArrayLength());
        Assert.Equal([lead, peer], preview.EnumerateArray().Select(u => u.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        var reviewers = pr.GetProperty("reviewers").EnumerateArray().Select(r => r.GetProperty("user").GetProperty("name").GetString()).ToList();
        Assert.Contains(lead, reviewers);
        Assert.Contains(peer, reviewers);
        Assert.DoesNotContain(outsider, reviewers);
        Assert.False(waiting.GetProperty("canMerge").GetBoolean());
        var veto = Assert.Single(waiting.GetProperty("vetoes").EnumerateArray());
        Assert.Equal("Not enough approvals from default reviewers", veto.GetProperty("summaryMessage").GetString());
        Assert.True(approved.GetProperty("canMerge").GetBoolean());
        Assert.Equal(3, repoList.GetArrayLength());
        Assert.Equal("REPOSITORY", repoList[0].GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal("PROJECT", repoList[2].GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal(1, projectList.GetArrayLength());
    }

    [Fact]
    public async Task Conditions_are_replaced_and_deleted_by_administrators_only()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "DRU", "update", Ct);
        await server.CreateUserAsync("dru-rev", Ct);
        await server.CreateUserAsync("dru-reader", Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, "dru-reader", "REPO_READ", Ct);
        using var admin = server.AdminClient();
        using var reader = server.Client("dru-reader");
        var created = await (await admin.PostAsJsonAsync(RepoConditions(repo) + "/condition",
            Condition("ANY_REF_MATCHER_ID", "ANY_REF", "ANY_REF_MATCHER_ID", "ANY_REF", ["dru-rev"], 0), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var id = created.GetProperty("id").GetInt64();

        var replaced = await (await admin.PutAsJsonAsync(RepoConditions(repo) + "/condition/" + id,
            Condition("FEATURE", "MODEL_CATEGORY", "main", "BRANCH", ["dru-rev"], 1), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await reader.PutAsJsonAsync(RepoConditions(repo) + "/condition/" + id,
            Condition("FEATURE", "MODEL_CATEGORY", "main", "BRANCH", ["dru-rev"], 0), Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await reader.DeleteAsync(RepoConditions(repo) + "/condition/" + id, Ct)).ExpectAsync(HttpStatusCode.Unauthorized, Ct);
        await (await admin.PutAsJsonAsync(ProjectConditions(repo) + "/condition/" + id,
            Condition("FEATURE", "MODEL_CATEGORY", "main", "BRANCH", ["dru-rev"], 0), Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var readable = await (await reader.GetAsync(RepoConditions(repo) + "/conditions", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync(RepoConditions(repo) + "/condition/" + id, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await admin.DeleteAsync(RepoConditions(repo) + "/condition/" + id, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var after = await (await admin.GetAsync(RepoConditions(repo) + "/conditions", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("MODEL_CATEGORY", replaced.GetProperty("sourceRefMatcher").GetProperty("type").GetProperty("id").GetString());
        Assert.Equal("FEATURE", replaced.GetProperty("sourceRefMatcher").GetProperty("id").GetString());
        Assert.Equal(1, replaced.GetProperty("requiredApprovals").GetInt32());
        Assert.Equal(1, readable.GetArrayLength());
        Assert.Equal(0, after.GetArrayLength());
    }

    [Theory]
    [InlineData("{\"targetMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}},\"reviewers\":[{\"name\":\"drv-rev\"}]}", "sourceMatcher")]
    [InlineData("{\"sourceMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}},\"reviewers\":[{\"name\":\"drv-rev\"}]}", "targetMatcher")]
    [InlineData("{\"sourceMatcher\":{\"id\":\"x\",\"type\":{\"id\":\"GLOB\"}},\"targetMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}},\"reviewers\":[{\"name\":\"drv-rev\"}]}", "sourceMatcher")]
    [InlineData("{\"sourceMatcher\":{\"id\":\"x\",\"type\":{\"id\":\"BRANCH\"}},\"targetMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}},\"reviewers\":[]}", "reviewers")]
    [InlineData("{\"sourceMatcher\":{\"id\":\"x\",\"type\":{\"id\":\"BRANCH\"}},\"targetMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}},\"reviewers\":[{}]}", "reviewers")]
    [InlineData("{\"sourceMatcher\":{\"id\":\"x\",\"type\":{\"id\":\"BRANCH\"}},\"targetMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}},\"reviewers\":[{\"name\":\"nobody-at-all\"}]}", "reviewers")]
    [InlineData("{\"sourceMatcher\":{\"id\":\"x\",\"type\":{\"id\":\"BRANCH\"}},\"targetMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}},\"reviewers\":[{\"name\":\"drv-rev\"}],\"requiredApprovals\":2}", "requiredApprovals")]
    [InlineData("{\"sourceMatcher\":{\"id\":\"x\",\"type\":{\"id\":\"BRANCH\"}},\"targetMatcher\":{\"id\":\"main\",\"type\":{\"id\":\"BRANCH\"}},\"reviewers\":[{\"name\":\"drv-rev\"}],\"requiredApprovals\":-1}", "requiredApprovals")]
    public async Task Invalid_conditions_are_rejected_naming_the_field(string json, string field)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "DRV", "invalid-" + Guid.NewGuid().ToString("N")[..8], Ct);
        if (!await server.WithDatabaseAsync(db => Task.FromResult(db.Users.Any(u => u.UserName == "drv-rev"))))
        {
            await server.CreateUserAsync("drv-rev", Ct);
        }

        using var admin = server.AdminClient();

        var error = await (await admin.PostAsync(RepoConditions(repo) + "/condition", new StringContent(json, Encoding.UTF8, "application/json"), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var listed = await (await admin.GetAsync(RepoConditions(repo) + "/conditions", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(field, error.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal(0, listed.GetArrayLength());
    }

    [Fact]
    public async Task Malformed_oversized_and_incomplete_requests_are_rejected()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "DRB", "bad", Ct);
        await server.CreateUserAsync("drb-rev", Ct);
        using var admin = server.AdminClient();
        var reviewers = RepoConditions(repo) + "/reviewers";

        await (await admin.PostAsync(RepoConditions(repo) + "/condition", new StringContent("{\"sourceMatcher\":", Encoding.UTF8, "application/json"), Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var tooMany = await (await admin.PostAsJsonAsync(RepoConditions(repo) + "/condition",
            Condition("x", "BRANCH", "main", "BRANCH", Enumerable.Repeat("drb-rev", 101).ToArray(), 0), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var longId = await (await admin.PostAsJsonAsync(RepoConditions(repo) + "/condition",
            Condition(new string('x', 1025), "PATTERN", "main", "BRANCH", ["drb-rev"], 0), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var missing = await (await admin.GetAsync(reviewers + $"?targetRepoId={repo.Id}&sourceRefId=a&targetRefId=b", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var wrongTarget = await (await admin.GetAsync(reviewers + $"?sourceRepoId={repo.Id}&targetRepoId={repo.Id + 1000}&sourceRefId=a&targetRefId=b", Ct))
            .ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.GetAsync(reviewers + $"?sourceRepoId=987654&targetRepoId={repo.Id}&sourceRefId=a&targetRefId=b", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync(reviewers + $"?sourceRepoId=abc&targetRepoId={repo.Id}&sourceRefId=a&targetRefId=b", Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var none = await (await admin.GetAsync(reviewers + $"?sourceRepoId={repo.Id}&targetRepoId={repo.Id}&sourceRefId=feature&targetRefId=main", Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("reviewers", tooMany.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("sourceMatcher", longId.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("sourceRepoId", missing.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("targetRepoId", wrongTarget.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal(0, none.GetArrayLength());
    }
}
