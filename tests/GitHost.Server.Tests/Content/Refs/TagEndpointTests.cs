using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Content.Refs;

public sealed class TagEndpointTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Tags_show_the_peeled_commit_and_the_tag_object(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await RefsFixtureRepo.CreateAsync(server, "TGL", "tags", Ct);
        using var admin = server.AdminClient();

        var page = await (await admin.GetAsync(repo.Api + "/tags", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var values = page.Values().EnumerateArray().ToList();
        Assert.Equal(["v1", "v2"], values.Select(v => v.GetProperty("displayId").GetString()));
        var lightweight = values[0];
        Assert.Equal("refs/tags/v1", lightweight.GetProperty("id").GetString());
        Assert.Equal("TAG", lightweight.GetProperty("type").GetString());
        Assert.Equal(repo.First, lightweight.GetProperty("latestCommit").GetString());
        Assert.Equal(repo.First, lightweight.GetProperty("latestChangeset").GetString());
        Assert.Equal(repo.First, lightweight.GetProperty("hash").GetString());
        var annotated = values[1];
        Assert.Equal(repo.Main, annotated.GetProperty("latestCommit").GetString());
        Assert.NotEqual(repo.Main, annotated.GetProperty("hash").GetString());
        Assert.Matches("^[0-9a-f]{40}$", annotated.GetProperty("hash").GetString());

        var one = await (await admin.GetAsync(repo.Api + "/tags/v2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(annotated.GetProperty("hash").GetString(), one.GetProperty("hash").GetString());
        var missing = await (await admin.GetAsync(repo.Api + "/tags/v9", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        Assert.Equal("com.atlassian.bitbucket.repository.NoSuchTagException", missing.ExceptionName());
        var filtered = await (await admin.GetAsync(repo.Api + "/tags?filterText=2", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("v2", Assert.Single(filtered.Values().EnumerateArray()).GetProperty("displayId").GetString());
    }

    [Theory]
    [AllDatabases]
    public async Task Created_tags_are_annotated_only_with_a_message_and_deleted_through_the_git_module(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var repo = await RefsFixtureRepo.CreateAsync(server, "TGC", "tagcreate", Ct);
        var git = $"/rest/git/1.0/projects/{repo.ProjectKey}/repos/{repo.Slug}/tags";
        using var admin = server.AdminClient();

        var plain = await (await admin.PostAsJsonAsync(repo.Api + "/tags", new { name = "light", startPoint = "feature/a" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(repo.FeatureA, plain.GetProperty("hash").GetString());
        var annotated = await (await admin.PostAsJsonAsync(repo.Api + "/tags", new { name = "rel/1.0", startPoint = repo.Main, message = "Release" }, Ct))
            .ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal(repo.Main, annotated.GetProperty("latestCommit").GetString());
        Assert.NotEqual(repo.Main, annotated.GetProperty("hash").GetString());
        var typed = await (await admin.PostAsJsonAsync(git, new { name = "typed", startPoint = "main", type = "annotated" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        Assert.NotEqual(repo.Main, typed.GetProperty("hash").GetString());
        await (await admin.PostAsJsonAsync(repo.Api + "/tags", new { name = "light", startPoint = "main" }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        await (await admin.PostAsJsonAsync(git, new { name = "light", startPoint = "main", force = true }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await (await admin.PostAsJsonAsync(repo.Api + "/tags", new { name = "../x", startPoint = "main" }, Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);

        var fetched = await (await admin.GetAsync(repo.Api + "/tags/rel/1.0", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        Assert.Equal("refs/tags/rel/1.0", fetched.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(git + "/rel/1.0", Ct)).StatusCode);
        await (await admin.GetAsync(repo.Api + "/tags/rel/1.0", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.DeleteAsync(git + "/rel/1.0", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);

        var events = await BranchEndpointTests.RefEvents(server, repo.Id);
        var types = events.Select(e => e.GetProperty("changes")[0]).Select(c => (c.GetProperty("refId").GetString(), c.GetProperty("type").GetString())).ToList();
        Assert.Contains(("refs/tags/rel/1.0", "ADD"), types);
        Assert.Contains(("refs/tags/rel/1.0", "DELETE"), types);
        Assert.All(events, e => Assert.Equal("TAG", e.GetProperty("changes")[0].GetProperty("ref").GetProperty("type").GetString()));
    }
}
