using GitHost.Data;
using GitHost.Git.Reading;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.Content;

public sealed class RepositoryOpenerTests
{
    [Fact]
    public async Task Opens_a_repository_filled_by_the_real_git_client()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, ct);
        var id = await server.CreateRepositoryAsync("OPEN", "files", ct);
        string? head = null;
        await server.PushDirectAsync(id, async tree =>
        {
            await tree.WriteAsync("docs/readme.md", "hello\n");
            head = await tree.CommitAsync("first commit", ct);
        }, ct);

        using var repository = server.Services.GetRequiredService<GitRepositoryOpener>().Open(id);

        Assert.True(repository.Info.IsBare);
        var commit = repository.Branches["main"].Tip;
        Assert.Equal(head, commit.Sha);
        Assert.Equal("first commit\n", commit.Message);
        Assert.Equal("hello\n", ((LibGit2Sharp.Blob)commit["docs/readme.md"].Target).GetContentText());
    }

    [Fact]
    public async Task Refuses_an_id_with_no_repository_on_disk()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, ct);

        Assert.Throws<DirectoryNotFoundException>(() => server.Services.GetRequiredService<GitRepositoryOpener>().Open(987_654));
    }
}
