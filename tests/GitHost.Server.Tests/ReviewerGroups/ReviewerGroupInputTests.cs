using System.Net;
using System.Net.Http.Json;
using System.Text;
using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Xunit;
using static GitHost.Server.Tests.ReviewerGroups.ReviewerGroupTestApi;

namespace GitHost.Server.Tests.ReviewerGroups;

/// <summary>Reviewer groups refuse bad, oversized and conflicting input with Bitbucket's envelope, naming the field.</summary>
public sealed class ReviewerGroupInputTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Key = "RGI";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { "{\"description\":\"no name\"}", "name" },
        { "{\"name\":\"   \"}", "name" },
        { "{\"name\":\"tab\\tname\"}", "name" },
        { "{\"name\":\"" + new string('n', 256) + "\"}", "name" },
        { "{\"name\":\"long\",\"description\":\"" + new string('d', 1025) + "\"}", "description" },
        { "{\"name\":\"ghost\",\"users\":[{\"name\":\"nobody-at-all\"}]}", "users" },
        { "{\"name\":\"ghost-id\",\"users\":[{\"id\":987654321}]}", "users" },
        { "{\"name\":\"empty-ref\",\"users\":[{}]}", "users" },
        { "{\"name\":\"null-ref\",\"users\":[null]}", "users" },
        { "{\"name\":\"outsider\",\"users\":[{\"name\":\"rgi-outsider\"}]}", "users" },
        { "{\"name\":\"too-many\",\"users\":[" + string.Join(",", Enumerable.Repeat("{\"name\":\"rgi-member\"}", 501)) + "]}", "users" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_groups_are_refused_naming_the_field_and_nothing_is_saved(string json, string field)
    {
        var server = await ReadyAsync();
        using var admin = server.AdminClient();
        var path = RepoGroups(Key, "repo");

        var error = await (await admin.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var listed = await (await admin.GetAsync(path + "?limit=100", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal(field, error.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.DoesNotContain(listed.GetProperty("values").EnumerateArray(), g => g.GetProperty("name").GetString() is "ghost" or "ghost-id" or "outsider" or "too-many" or "long");
    }

    [Fact]
    public async Task Malformed_json_unknown_ids_and_duplicate_names_are_refused()
    {
        var server = await ReadyAsync();
        using var admin = server.AdminClient();
        var path = RepoGroups(Key, "repo");
        var first = await admin.CreateGroupAsync(path, Group("dup-a", null, "rgi-member"), Ct);
        var second = await admin.CreateGroupAsync(path, Group("dup-b", null), Ct);
        var sameNameInProject = await admin.CreateGroupAsync(ProjectGroups(Key), Group("dup-a", null), Ct);
        var secondItem = $"{path}/{second.GetProperty("id").GetInt64()}";

        await (await admin.PostAsync(path, new StringContent("{\"name\":", Encoding.UTF8, "application/json"), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        await (await admin.PutAsync(secondItem, new StringContent("[1,2]", Encoding.UTF8, "application/json"), Ct)).ExpectAsync(HttpStatusCode.BadRequest, Ct);
        var duplicate = await (await admin.PostAsJsonAsync(path, Group("dup-a", null), Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var renamedOnto = await (await admin.PutAsJsonAsync(secondItem, new { name = "dup-a" }, Ct)).ExpectAsync(HttpStatusCode.Conflict, Ct);
        var keptName = await (await admin.PutAsJsonAsync(secondItem, new { name = "dup-b", description = "same name is fine" }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.GetAsync(path + "/987654321", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.PutAsJsonAsync(path + "/987654321", new { name = "x" }, Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.DeleteAsync(path + "/987654321", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync(path + "/987654321/users", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync(path + "/not-a-number", Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync(RepoGroups(Key, "no-such-repo"), Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        await (await admin.GetAsync(ProjectGroups("NOSUCH"), Ct)).ExpectAsync(HttpStatusCode.NotFound, Ct);
        var notAScope = await (await admin.GetAsync($"{ProjectGroups(Key)}?repositorySlug=repo", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("name", duplicate.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("name", renamedOnto.GetProperty("errors")[0].GetProperty("context").GetString());
        Assert.Equal("same name is fine", keptName.GetProperty("description").GetString());
        Assert.Equal("PROJECT", sameNameInProject.GetProperty("scope").GetProperty("type").GetString());
        Assert.Equal(["rgi-member"], first.GetProperty("users").Names());
        Assert.All(notAScope.GetProperty("values").EnumerateArray(), g => Assert.Equal("PROJECT", g.GetProperty("scope").GetProperty("type").GetString()));
    }

    private async Task<GitHostTestServer> ReadyAsync()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        if ((await admin.GetAsync($"/rest/api/1.0/projects/{Key}/repos/repo", Ct)).StatusCode == HttpStatusCode.NotFound)
        {
            await server.CreateRepositoryAsync(Key, "repo", Ct);
            await server.CreateUserAsync("rgi-member", Ct);
            await server.CreateUserAsync("rgi-outsider", Ct);
            await server.GrantAsync($"/rest/api/1.0/projects/{Key}/repos/repo", "rgi-member", "REPO_READ", Ct);
        }

        return server;
    }
}
