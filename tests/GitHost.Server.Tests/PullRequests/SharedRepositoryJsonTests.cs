using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GitHost.Server.PullRequests;
using GitHost.Server.Rest;
using Xunit;

namespace GitHost.Server.Tests.PullRequests;

/// <summary>A repository shared by pull requests is written from copied bytes that equal what the serializer writes itself.</summary>
public sealed class SharedRepositoryJsonTests
{
    private const string Awkward = "Zürich + \"quoted\" <b>it's</b> ‘x’";

    [Fact]
    public void A_shared_repository_is_written_exactly_as_the_serializer_writes_it_with_the_requests_encoder()
    {
        var relaxed = Options(JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        var strict = Options(JavaScriptEncoder.Default);
        var shared = Repository("shared", Awkward);
        var other = Repository("other", "another one");

        var from = JsonSerializer.Serialize(Ref("refs/heads/a", shared), relaxed);
        var to = JsonSerializer.Serialize(Ref("refs/heads/main", shared), relaxed);
        var escaped = JsonSerializer.Serialize(Ref("refs/heads/a", shared), strict);
        var again = JsonSerializer.Serialize(Ref("refs/heads/a", shared), relaxed);
        var second = JsonSerializer.Serialize(Ref("refs/heads/b", other), relaxed);

        var property = relaxed.GetTypeInfo(typeof(RestPullRequestRef)).Properties.Single(p => p.Name == "repository");
        Assert.IsType<SharedRepositoryJsonConverter>(property.CustomConverter);
        Assert.Equal(RefJson("refs/heads/a", JsonSerializer.Serialize(shared, relaxed)), from);
        Assert.Equal(RefJson("refs/heads/main", JsonSerializer.Serialize(shared, relaxed)), to);
        Assert.Equal(from, again);
        Assert.Contains("Zürich + \\\"quoted\\\" <b>it's</b>", from);
        Assert.Equal(RefJson("refs/heads/a", JsonSerializer.Serialize(shared, strict), strict), escaped);
        Assert.Contains("Z\\u00FCrich \\u002B", escaped);
        Assert.Equal(RefJson("refs/heads/b", JsonSerializer.Serialize(other, relaxed)), second);
        Assert.Equal("other", JsonSerializer.Deserialize<RestPullRequestRef>(second, relaxed)!.Repository.Slug);
    }

    /// <summary>The options the REST API answers with (see GitHostApp and PullRequestRestRegistration).</summary>
    private static JsonSerializerOptions Options(JavaScriptEncoder encoder)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = encoder,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.TypeInfoResolverChain.Insert(0, RestJsonContext.Default);
        options.TypeInfoResolverChain.Insert(0, PullRequestJsonContext.Default);
        return options;
    }

    private static RestPullRequestRef Ref(string id, RestRepository repository) => new(id, id[11..], "c0ffee", "BRANCH", repository);

    private static string RefJson(string id, string repositoryJson, JsonSerializerOptions? options = null) =>
        "{\"id\":" + JsonSerializer.Serialize(id, options) + ",\"displayId\":" + JsonSerializer.Serialize(id[11..], options) +
        ",\"latestCommit\":\"c0ffee\",\"type\":\"BRANCH\",\"repository\":" + repositoryJson + "}";

    private static RestRepository Repository(string slug, string description) => new(
        slug, slug.Length, slug, description, "hier-" + slug, "git", "AVAILABLE", "Available", true, false, false, "main",
        new RestProject("PRJ", 3, "Project", null, false, "NORMAL", null, new RestLinks([new RestLink("http://h/projects/PRJ")])),
        null, new RestLinks([new RestLink("http://h/projects/PRJ/repos/" + slug + "/browse")], [new RestLink("http://h/scm/prj/" + slug + ".git", "http")]));
}
