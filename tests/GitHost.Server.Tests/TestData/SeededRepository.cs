namespace GitHost.Server.Tests.TestData;

/// <summary>A repository a test created and filled: its key, slug and id, and its REST base path.</summary>
internal sealed record SeededRepository(string ProjectKey, string Slug, long Id)
{
    public string Api => $"/rest/api/1.0/projects/{ProjectKey}/repos/{Slug}";
}
