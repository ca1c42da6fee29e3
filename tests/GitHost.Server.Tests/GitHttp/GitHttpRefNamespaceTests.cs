using GitHost.Data;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>
/// Which refs a push may create or move: branches, tags and notes (and the extra prefixes an
/// administrator allows), never <c>refs/replace/</c> or other namespaces, and no name with a part
/// that starts with '-'. Deleting such a ref that is already there is allowed.
/// </summary>
public sealed class GitHttpRefNamespaceTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const string Outside = "refs outside refs/heads/, refs/tags/ and refs/notes/ are not accepted";
    private const string Dash = "no part of a ref name may start with '-'";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_of_a_replace_ref_is_refused_with_remote_text_and_the_true_content_stays()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("NSPACE", "replace", Ct);
        var url = server.AdminCloneUrl("NSPACE", "replace");
        using var tree = await GitWorkTree.InitAsync(Ct);
        await tree.WriteAsync("a.txt", "true\n");
        var head = await tree.CommitAsync("one", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", url, "main");
        var blob = (await tree.GitAsync(Ct, "rev-parse", "HEAD:a.txt")).StandardOutput.Trim();
        var fake = (await GitCli.RunAsync(tree.Path, ["hash-object", "-w", "--stdin"], Ct, standardInput: new MemoryStream("a longer fake text\n"u8.ToArray())))
            .EnsureSuccess().StandardOutput.Trim();
        await tree.GitAsync(Ct, "replace", blob, fake);

        var pushed = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, "refs/replace/" + blob);

        Assert.NotEqual(0, pushed.ExitCode);
        Assert.Contains($"remote: refs/replace/{blob}: {Outside}. Push it as a branch (refs/heads/...) or a tag (refs/tags/...) instead.", pushed.StandardError);
        Assert.Contains("pre-receive hook declined", pushed.StandardError);
        Assert.Equal($"{head} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
        using var admin = server.AdminClient();
        using var raw = await admin.GetAsync("/rest/api/1.0/projects/NSPACE/repos/replace/raw/a.txt", Ct);
        Assert.Equal("true\n", await raw.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Push_outside_heads_tags_and_notes_is_refused_and_notes_are_accepted()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("NSPACE", "other", Ct);
        var url = server.AdminCloneUrl("NSPACE", "other");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var head = await tree.CommitAsync("one", Ct);
        await tree.GitAsync(Ct, "notes", "add", "-m", "a note");
        var note = (await tree.GitAsync(Ct, "rev-parse", "refs/notes/commits")).StandardOutput.Trim();

        var other = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", "--atomic", url, "main", "HEAD:refs/foo/bar");
        var notes = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, "main", "refs/notes/commits");

        Assert.NotEqual(0, other.ExitCode);
        Assert.Contains($"remote: refs/foo/bar: {Outside}.", other.StandardError);
        Assert.True(notes.ExitCode == 0, notes.StandardError);
        Assert.Equal($"{head} refs/heads/main\n{note} refs/notes/commits\n", await server.RefsOnDiskAsync(id, Ct));
    }

    [Fact]
    public async Task Branch_and_tag_names_with_a_part_starting_with_a_dash_are_refused_and_nothing_moves()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("NSPACE", "dash", Ct);
        var url = server.AdminCloneUrl("NSPACE", "dash");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var head = await tree.CommitAsync("one", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", url, "main");

        var branch = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, "HEAD:refs/heads/-x");
        var tag = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, "HEAD:refs/tags/--output=x");
        var nested = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, "HEAD:refs/heads/feature/-x");

        Assert.NotEqual(0, branch.ExitCode);
        Assert.Contains($"remote: refs/heads/-x: {Dash}, because git would read it as an option. Push it as refs/heads/x instead.", branch.StandardError);
        Assert.NotEqual(0, tag.ExitCode);
        Assert.Contains($"remote: refs/tags/--output=x: {Dash}, because git would read it as an option. Push it as refs/tags/output=x instead.", tag.StandardError);
        Assert.NotEqual(0, nested.ExitCode);
        Assert.Contains($"remote: refs/heads/feature/-x: {Dash}", nested.StandardError);
        Assert.Equal($"{head} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
        Assert.Empty(server.LockFiles(id));
    }

    [Fact]
    public async Task Refs_already_in_a_copied_repository_can_be_deleted_by_push_but_not_moved()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var id = await server.CreateRepositoryAsync("NSPACE", "cleanup", Ct);
        var url = server.AdminCloneUrl("NSPACE", "cleanup");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var first = await tree.CommitAsync("one", Ct);
        var second = await tree.CommitAsync("two", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", url, "main");
        var path = server.RepositoryPath(id);
        foreach (var name in new[] { "refs/replace/" + first, "refs/foo/bar", "refs/heads/-x", "refs/tags/--output=x" })
        {
            (await GitCli.RunAsync(path, ["--git-dir", path, "update-ref", name, second], Ct)).EnsureSuccess();
        }

        var moved = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", "--force", url, first + ":refs/foo/bar");
        var deleted = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, ":refs/replace/" + first, ":refs/foo/bar", ":refs/heads/-x", ":refs/tags/--output=x");

        Assert.NotEqual(0, moved.ExitCode);
        Assert.Contains($"remote: refs/foo/bar: {Outside}.", moved.StandardError);
        Assert.True(deleted.ExitCode == 0, deleted.StandardError);
        Assert.Equal($"{second} refs/heads/main\n", await server.RefsOnDiskAsync(id, Ct));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2")]
    public async Task A_replace_ref_copied_in_is_neither_advertised_nor_fetched(string protocol)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var slug = "hidden-replace-v" + protocol;
        var id = await server.CreateRepositoryAsync("NSPACE", slug, Ct);
        var url = server.AdminCloneUrl("NSPACE", slug);
        using var tree = await GitWorkTree.InitAsync(Ct);
        var first = await tree.CommitAsync("one", Ct);
        var second = await tree.CommitAsync("two", Ct);
        await tree.GitAsync(Ct, "push", "--quiet", url, "main");
        var path = server.RepositoryPath(id);
        (await GitCli.RunAsync(path, ["--git-dir", path, "update-ref", "refs/replace/" + first, second], Ct)).EnsureSuccess();

        var listed = await GitHttpTestApi.GitAsync(tree.Path, Ct, "-c", "protocol.version=" + protocol, "ls-remote", url);
        var fetched = await GitHttpTestApi.GitAsync(tree.Path, Ct, "-c", "protocol.version=" + protocol, "fetch", url, "refs/replace/*:refs/replace/*");
        var local = await GitCli.RunAsync(tree.Path, ["for-each-ref", "refs/replace/"], Ct);

        Assert.True(listed.ExitCode == 0, listed.StandardError);
        Assert.Contains("refs/heads/main", listed.StandardOutput);
        Assert.DoesNotContain("refs/replace/", listed.StandardOutput);
        Assert.Equal("", local.StandardOutput);
        Assert.DoesNotContain("refs/replace/" + first, fetched.StandardError);
    }

    [Fact]
    public async Task A_prefix_allowed_in_the_settings_is_accepted_and_the_rest_stays_refused()
    {
        await using var server = await GitHostTestServer.StartAsync(DatabaseProvider.Sqlite, Ct,
            new Dictionary<string, string?> { ["GitHost:Git:AllowedExtraRefPrefixes:0"] = "refs/review/" });
        var id = await server.CreateRepositoryAsync("NSPACE", "extra", Ct);
        var url = server.AdminCloneUrl("NSPACE", "extra");
        using var tree = await GitWorkTree.InitAsync(Ct);
        var head = await tree.CommitAsync("one", Ct);

        var review = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, "main", "HEAD:refs/review/1");
        var replace = await GitHttpTestApi.GitAsync(tree.Path, Ct, "push", url, "HEAD:refs/replace/" + head);

        Assert.True(review.ExitCode == 0, review.StandardError);
        Assert.NotEqual(0, replace.ExitCode);
        Assert.Contains($"remote: refs/replace/{head}: refs outside refs/heads/, refs/tags/, refs/notes/ and refs/review/ are not accepted.", replace.StandardError);
        Assert.Equal($"{head} refs/heads/main\n{head} refs/review/1\n", await server.RefsOnDiskAsync(id, Ct));
    }

    [Theory]
    [InlineData("review/")]
    [InlineData("refs/review")]
    [InlineData("refs/")]
    [InlineData("refs/-x/")]
    [InlineData("refs/a b/")]
    public async Task An_extra_prefix_that_is_not_a_ref_folder_stops_the_server_at_startup(string prefix)
    {
        var failure = Assert.IsType<OptionsValidationException>(
            await GitHostTestServer.StartupFailureAsync(new Dictionary<string, string?> { ["GitHost:Git:AllowedExtraRefPrefixes:0"] = prefix }, Ct));

        Assert.Contains("AllowedExtraRefPrefixes", failure.Message);
        Assert.Contains(prefix, failure.Message);
    }
}
