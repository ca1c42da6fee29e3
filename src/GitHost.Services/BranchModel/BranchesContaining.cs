using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Git.Commands;
using GitHost.Services.Content;
using GitHost.Services.Content.Files;
using GitHost.Services.Content.Refs;

namespace GitHost.Services.BranchModel;

/// <summary>
/// <c>GET /rest/branch-utils/1.0/.../branches/info/{commitId}</c>: the branches whose history holds a
/// commit, by <c>git for-each-ref --contains</c> (one walk for all branches), sorted by name.
/// </summary>
public sealed class BranchesContaining(ContentRepositories repositories, GitCommandRunner git)
{
    public async Task<Page<BranchView>> ListAsync(
        Principal principal, string projectKey, string slug, string commitId, PageRequest page, CancellationToken cancellationToken)
    {
        string sha, gitDir, defaultRef;
        using (var opened = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken))
        {
            sha = CommitResolver.ResolveId(opened.Git, commitId).Sha;
            gitDir = opened.GitDir;
            defaultRef = RefNamespace.Branches.FullName(opened.Entity.Repository.DefaultBranch);
        }

        var result = (await git.Command("for-each-ref", "--format=%(objectname) %(refname)", "--sort=refname")
            .GitDir(gitDir).OptionWithValue("--contains=", sha).Option("refs/heads/").RunAsync(cancellationToken)).EnsureSuccess();
        var branches = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => new BranchView(parts[1], RefNamespace.Branches.ShortName(parts[1]), parts[0], parts[1] == defaultRef));
        return Page<BranchView>.From(branches, page);
    }
}
