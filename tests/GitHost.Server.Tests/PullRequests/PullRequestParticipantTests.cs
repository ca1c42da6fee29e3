using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>Reviewers, approvals, needs-work and watching: who may do what, and what it records.</summary>
public sealed class PullRequestParticipantTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_reviewer_approves_asks_for_changes_and_withdraws_and_each_step_is_recorded(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reviewer = "approver-" + provider;
        using var repo = await ReviewedRepoAsync(server, "approve", reviewer);
        using var admin = server.AdminClient();
        using var user = server.Client(reviewer);
        await repo.OpenAsync(admin, Ct, reviewers: [reviewer]);
        var url = repo.PullRequests + "/1/participants/" + reviewer.ToLowerInvariant();

        var approved = await (await user.PutAsJsonAsync(url, new { status = "APPROVED" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var needsWork = await (await user.PutAsJsonAsync(url, new { status = "NEEDS_WORK", lastReviewedCommit = repo.FeatureHead }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var withdrawn = await (await user.DeleteAsync(repo.PullRequests + "/1/approve", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var legacy = await (await user.PostAsync(repo.PullRequests + "/1/approve", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var activities = await (await admin.GetAsync(repo.PullRequests + "/1/activities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("APPROVED", approved.GetProperty("status").GetString());
        Assert.True(approved.GetProperty("approved").GetBoolean());
        Assert.Equal(repo.FeatureHead, approved.GetProperty("lastReviewedCommit").GetString());
        Assert.Equal("NEEDS_WORK", needsWork.GetProperty("status").GetString());
        Assert.Equal("UNAPPROVED", withdrawn.GetProperty("status").GetString());
        Assert.Equal("APPROVED", legacy.GetProperty("status").GetString());
        Assert.Equal(0, pr.GetProperty("version").GetInt32());
        var reviewerJson = Assert.Single(pr.GetProperty("reviewers").EnumerateArray());
        Assert.True(reviewerJson.GetProperty("approved").GetBoolean());
        Assert.Equal(["APPROVED", "UNAPPROVED", "REVIEWED", "APPROVED", "OPENED"],
            activities.Values().EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        Assert.Equal(2, (await PullRequestLifecycleTests.EventsAsync(server, "pr:reviewer:approved", repo.Slug)).Count);
        var needsWorkEvent = JsonDocument.Parse((await PullRequestLifecycleTests.EventsAsync(server, "pr:reviewer:needs_work", repo.Slug)).Single()).RootElement;
        Assert.Equal("APPROVED", needsWorkEvent.GetProperty("previousStatus").GetString());
        Assert.Equal(reviewer, needsWorkEvent.GetProperty("participant").GetProperty("user").GetProperty("name").GetString());
        var unapprovedEvent = JsonDocument.Parse((await PullRequestLifecycleTests.EventsAsync(server, "pr:reviewer:unapproved", repo.Slug)).Single()).RootElement;
        Assert.Equal("NEEDS_WORK", unapprovedEvent.GetProperty("previousStatus").GetString());
        Assert.Equal("UNAPPROVED", unapprovedEvent.GetProperty("participant").GetProperty("status").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Only_the_caller_sets_their_own_status_and_never_the_author_or_on_an_old_head(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reviewer = "strict-" + provider;
        using var repo = await ReviewedRepoAsync(server, "strict", reviewer);
        using var admin = server.AdminClient();
        using var user = server.Client(reviewer);
        await repo.OpenAsync(admin, Ct, reviewers: [reviewer]);
        var mine = repo.PullRequests + "/1/participants/" + reviewer.ToLowerInvariant();

        var forSomeoneElse = await (await admin.PutAsJsonAsync(mine, new { status = "APPROVED" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var byAuthor = await (await admin.PostAsync(repo.PullRequests + "/1/approve", null, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var oldHead = await (await user.PutAsJsonAsync(mine, new { status = "APPROVED", lastReviewedCommit = repo.MainHead }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var badStatus = await (await user.PutAsJsonAsync(mine, new { status = "MAYBE" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("userSlug", forSomeoneElse.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Contains("author", byAuthor.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("lastReviewedCommit", oldHead.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("status", badStatus.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.All(pr.GetProperty("reviewers").EnumerateArray(), r => Assert.Equal("UNAPPROVED", r.GetProperty("status").GetString()));
    }

    [Theory]
    [AllDatabases]
    public async Task Someone_who_approves_without_being_asked_becomes_a_participant(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var passerby = "passerby-" + provider;
        using var repo = await ReviewedRepoAsync(server, "passerby", passerby);
        using var admin = server.AdminClient();
        using var user = server.Client(passerby);
        await repo.OpenAsync(admin, Ct);

        await (await user.PostAsync(repo.PullRequests + "/1/approve", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var pr = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var participants = await (await admin.GetAsync(repo.PullRequests + "/1/participants", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Empty(pr.GetProperty("reviewers").EnumerateArray());
        var participant = Assert.Single(pr.GetProperty("participants").EnumerateArray());
        Assert.Equal("PARTICIPANT", participant.GetProperty("role").GetString());
        Assert.True(participant.GetProperty("approved").GetBoolean());
        Assert.Equal(["AUTHOR", "PARTICIPANT"], participants.Values().EnumerateArray().Select(p => p.GetProperty("role").GetString()));
    }

    [Theory]
    [AllDatabases]
    public async Task Writers_add_and_remove_reviewers_and_readers_cannot(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reviewer = "added-" + provider;
        var reader = "reader-" + provider;
        using var repo = await ReviewedRepoAsync(server, "adding", reviewer);
        await server.CreateUserAsync(reader, Ct);
        await server.GrantRepositoryAsync(repo.Key, repo.Slug, reader, "REPO_READ", Ct);
        using var admin = server.AdminClient();
        using var readOnly = server.Client(reader);
        await repo.OpenAsync(admin, Ct);
        var participants = repo.PullRequests + "/1/participants";

        var refused = await readOnly.PostAsJsonAsync(participants, new { user = new { name = reviewer }, role = "REVIEWER" }, Ct);
        var added = await (await admin.PostAsJsonAsync(participants, new { user = new { name = reviewer }, role = "REVIEWER" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var author = await (await admin.PostAsJsonAsync(participants, new { user = new { name = "admin" }, role = "AUTHOR" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var afterAdd = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.DeleteAsync(participants + "/" + reviewer.ToLowerInvariant(), Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var unknown = await admin.DeleteAsync(participants + "/nobody-at-all", Ct);
        var afterRemove = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("REVIEWER", added.GetProperty("role").GetString());
        Assert.Equal("role", author.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Single(afterAdd.GetProperty("reviewers").EnumerateArray());
        Assert.Equal(1, afterAdd.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(afterRemove.GetProperty("reviewers").EnumerateArray());
        Assert.Equal("PARTICIPANT", Assert.Single(afterRemove.GetProperty("participants").EnumerateArray()).GetProperty("role").GetString());
        Assert.Equal(2, afterRemove.GetProperty("version").GetInt32());
    }

    [Theory]
    [AllDatabases]
    public async Task The_older_removal_by_user_name_in_the_query_does_what_the_slug_form_does(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var reviewer = "Named.Reviewer-" + provider;
        using var repo = await ReviewedRepoAsync(server, "byname", reviewer);
        await repo.AddReaderAsync("byname-reader-" + provider, Ct);
        using var admin = server.AdminClient();
        using var readOnly = server.Client("byname-reader-" + provider);
        await repo.OpenAsync(admin, Ct, reviewers: [reviewer]);
        var participants = repo.PullRequests + "/1/participants";

        using var refused = await readOnly.DeleteAsync(participants + "?username=" + Uri.EscapeDataString(reviewer), Ct);
        var unnamed = await (await admin.DeleteAsync(participants, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var stranger = await (await admin.DeleteAsync(participants + "?username=nobody-at-all", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.DeleteAsync(participants + "?username=" + Uri.EscapeDataString(reviewer.ToUpperInvariant()), Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var after = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("username", unnamed.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("username", stranger.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Empty(after.GetProperty("reviewers").EnumerateArray());
        var participant = Assert.Single(after.GetProperty("participants").EnumerateArray());
        Assert.Equal(reviewer, participant.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("PARTICIPANT", participant.GetProperty("role").GetString());
        Assert.Equal(1, after.GetProperty("version").GetInt32());
        var removed = JsonDocument.Parse((await PullRequestLifecycleTests.EventsAsync(server, "pr:reviewer:updated", repo.Slug)).Single()).RootElement;
        Assert.Equal(reviewer, Assert.Single(removed.GetProperty("removedReviewers").EnumerateArray()).GetProperty("name").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Watching_is_per_user_and_idempotent(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var watcher = "watcher-" + provider;
        using var repo = await ReviewedRepoAsync(server, "watching", watcher);
        using var admin = server.AdminClient();
        using var user = server.Client(watcher);
        await repo.OpenAsync(admin, Ct);
        var userId = await server.WithDatabaseAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == watcher).Id));
        var prId = await server.WithDatabaseAsync(db => Task.FromResult(db.PullRequests.Single(p => p.RepositoryId == repo.Id).Id));
        Task<int> WatchersAsync() => server.WithDatabaseAsync(db => Task.FromResult(db.PullRequestWatchers.Count(w => w.PullRequestId == prId && w.UserId == userId)));

        await (await user.PostAsync(repo.PullRequests + "/1/watch", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        await (await user.PostAsync(repo.PullRequests + "/1/watch", null, Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);
        var afterWatch = await WatchersAsync();
        await (await user.DeleteAsync(repo.PullRequests + "/1/watch", Ct)).ExpectAsync(HttpStatusCode.NoContent, Ct);

        Assert.Equal(1, afterWatch);
        Assert.Equal(0, await WatchersAsync());
    }

    private static async Task<PullRequestRepo> ReviewedRepoAsync(GitHostTestServer server, string slug, string user)
    {
        var repo = await PullRequestRepo.CreateAsync(server, "PRP", slug, Ct);
        await server.CreateUserAsync(user, Ct);
        await server.GrantRepositoryAsync("PRP", slug, user, "REPO_READ", Ct);
        return repo;
    }
}
