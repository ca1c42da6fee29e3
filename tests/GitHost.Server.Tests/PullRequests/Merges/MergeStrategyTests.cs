using System.Net;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests.Merges;

/// <summary>
/// <c>POST .../merge</c> with each of Bitbucket's seven strategies, checked with a real git client:
/// the target's new head, its parents, tree, author/committer and message.
/// </summary>
public sealed class MergeStrategyTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("no-ff", true)]
    [InlineData("no-ff", false)]
    [InlineData("ff", true)]
    [InlineData("ff", false)]
    [InlineData("ff-only", false)]
    [InlineData("squash", true)]
    [InlineData("squash-ff-only", false)]
    [InlineData("rebase-no-ff", true)]
    [InlineData("rebase-ff-only", true)]
    public async Task Each_strategy_makes_the_history_bitbucket_makes(string strategy, bool diverged)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var slug = $"{strategy}-{(diverged ? "d" : "f")}";
        using var repo = await PullRequestRepo.CreateAsync(server, "MST", slug, Ct);
        using var admin = server.AdminClient();
        await repo.EnableStrategiesAsync(admin, Ct, [strategy, .. MergeTestApi.AllStrategies.Where(s => s != strategy)]);
        var oldMain = diverged ? await repo.PushAsync("main", "other work", Ct, file: "src/other.txt") : repo.MainHead;
        var opened = await repo.OpenAsync(admin, Ct);

        var merged = await (await repo.SendMergeAsync(admin, 1, opened.GetProperty("version").GetInt32(), Ct, new { strategyId = strategy }))
            .ExpectAsync(HttpStatusCode.OK, Ct);

        var head = await repo.ServerHeadAsync("main", Ct);
        Assert.Equal("MERGED", merged.GetProperty("state").GetString());
        Assert.True(merged.GetProperty("closed").GetBoolean());
        Assert.True(merged.TryGetProperty("closedDate", out _));
        Assert.Equal(head, merged.GetProperty("properties").GetProperty("mergeCommit").GetProperty("id").GetString());
        var commit = await repo.CommitAsync(head!, Ct);
        Assert.Equal("one\n2\nthree\nfour\n", await repo.FileAsync(head!, "src/app.txt", Ct));
        if (diverged)
        {
            Assert.Equal("other work\n", await repo.FileAsync(head!, "src/other.txt", Ct));
        }

        switch (strategy, diverged)
        {
            case ("ff" or "ff-only", false):
                Assert.Equal(repo.FeatureHead, head);
                break;
            case ("no-ff" or "ff", _):
                Assert.Equal([oldMain, repo.FeatureHead], commit.Parents);
                Assert.StartsWith("Pull request #1: A change\n\nMerge in MST/" + slug + " from feature to main", commit.Message, StringComparison.Ordinal);
                Assert.NotEqual("Test Committer", commit.Committer);
                break;
            case ("squash" or "squash-ff-only", _):
                Assert.Equal([oldMain], commit.Parents);
                Assert.StartsWith("Pull request #1: A change", commit.Message, StringComparison.Ordinal);
                break;
            case ("rebase-no-ff", _):
                Assert.Equal(oldMain, commit.Parents[0]);
                var rebased = await repo.CommitAsync(commit.Parents[1], Ct);
                Assert.Equal([oldMain], rebased.Parents);
                Assert.Equal("change app\n", rebased.Message.TrimEnd() + "\n");
                Assert.NotEqual(repo.FeatureHead, commit.Parents[1]);
                break;
            case ("rebase-ff-only", _):
                Assert.Equal([oldMain], commit.Parents);
                Assert.Equal("change app", commit.Message.Trim());
                Assert.Equal("Test Author", commit.Author);
                Assert.NotEqual("Test Committer", commit.Committer);
                break;
        }
    }

    [Theory]
    [InlineData("ff-only")]
    [InlineData("squash-ff-only")]
    public async Task Fast_forward_only_strategies_refuse_a_diverged_target(string strategy)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "MSF", strategy, Ct);
        using var admin = server.AdminClient();
        await repo.EnableStrategiesAsync(admin, Ct, strategy);
        var oldMain = await repo.PushAsync("main", "other work", Ct, file: "src/other.txt");
        await repo.OpenAsync(admin, Ct);

        var refused = await (await repo.SendMergeAsync(admin, 1, 0, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);

        Assert.Equal("com.atlassian.bitbucket.pull.PullRequestMergeVetoedException", refused.ErrorName());
        Assert.False(refused.GetProperty("errors")[0].GetProperty("conflicted").GetBoolean());
        Assert.NotEmpty(refused.GetProperty("errors")[0].GetProperty("vetoes").EnumerateArray());
        Assert.Equal(oldMain, await repo.ServerHeadAsync("main", Ct));
    }

    [Fact]
    public async Task A_strategy_that_is_not_enabled_or_unknown_is_a_bad_request()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "MSD", "disabled", Ct);
        using var admin = server.AdminClient();
        await repo.OpenAsync(admin, Ct);

        var disabled = await (await repo.SendMergeAsync(admin, 1, 0, Ct, new { strategyId = "squash" })).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var unknown = await (await repo.SendMergeAsync(admin, 1, 0, Ct, new { strategyId = "octopus\u0001" })).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        Assert.Contains("not enabled", disabled.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.DoesNotContain("\u0001", unknown.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(repo.MainHead, await repo.ServerHeadAsync("main", Ct));
    }

    [Fact]
    public async Task A_custom_message_keeps_the_generated_subject_unless_auto_subject_is_off()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var repo = await PullRequestRepo.CreateAsync(server, "MSM", "message", Ct);
        using var admin = server.AdminClient();
        await repo.SetAsync(admin, new
        {
            mergeConfig = new
            {
                defaultStrategy = new { id = "no-ff" },
                commitSummaries = 5,
                commitMessageTemplate = new { title = "Merged #${id} (${title})", body = "into ${toRefName}" },
            },
        }, Ct);
        await repo.PushAsync("feature2", "second", Ct);
        await repo.OpenAsync(admin, Ct);
        await repo.OpenAsync(admin, Ct, from: "feature2", title: "Second");

        await (await repo.SendMergeAsync(admin, 1, 0, Ct, new { message = "Ship it", autoSubject = true })).ExpectAsync(HttpStatusCode.OK, Ct);
        var first = await repo.CommitAsync((await repo.ServerHeadAsync("main", Ct))!, Ct);
        await (await repo.SendMergeAsync(admin, 2, await repo.VersionAsync(admin, 2, Ct), Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var second = await repo.CommitAsync((await repo.ServerHeadAsync("main", Ct))!, Ct);

        Assert.Equal("Merged #1 (A change)\n\nShip it", first.Message.TrimEnd());
        Assert.StartsWith("Merged #2 (Second)\n\ninto main\n\n* commit '", second.Message, StringComparison.Ordinal);
        Assert.Contains("':\n  second", second.Message, StringComparison.Ordinal);
    }
}
