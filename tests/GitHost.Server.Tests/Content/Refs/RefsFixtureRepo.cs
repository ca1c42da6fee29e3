using GitHost.Server.Tests.TestData;
using GitHost.Testing;

namespace GitHost.Server.Tests.Content.Refs;

/// <summary>
/// A repository with main (2 commits), feature/a and feature/b (one commit each past main),
/// lightweight tag v1 on main's first commit and annotated tag v2 on main's tip.
/// </summary>
internal sealed record RefsFixtureRepo(string ProjectKey, string Slug, long Id, string First, string Main, string FeatureA, string FeatureB)
{
    public string Api => $"/rest/api/1.0/projects/{ProjectKey}/repos/{Slug}";

    public string BranchUtils => $"/rest/branch-utils/1.0/projects/{ProjectKey}/repos/{Slug}/branches";

    public static async Task<RefsFixtureRepo> CreateAsync(GitHostTestServer server, string projectKey, string slug, CancellationToken ct)
    {
        string first = "", main = "", a = "", b = "";
        var seeded = await server.SeedRepositoryAsync(projectKey, slug, async tree =>
        {
            await tree.WriteAsync("README.md", "one\n");
            first = await tree.CommitAsync("first", ct);
            await tree.GitAsync(ct, "tag", "v1");
            await tree.WriteAsync("README.md", "two\n");
            main = await tree.CommitAsync("second", ct);
            await tree.GitAsync(ct, "tag", "-a", "-m", "release two", "v2");
            await tree.GitAsync(ct, "checkout", "-q", "-b", "feature/a");
            a = await tree.CommitAsync("on a", ct);
            await tree.GitAsync(ct, "checkout", "-q", "-b", "feature/b", "main");
            b = await tree.CommitAsync("on b", ct);
        }, ct, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*");
        return new RefsFixtureRepo(projectKey, slug, seeded.Id, first, main, a, b);
    }
}
