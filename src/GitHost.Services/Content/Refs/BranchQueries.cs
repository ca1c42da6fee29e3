using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Security;
using GitHost.Services.Content.Files;
using GitHost.Services.Repositories;
using LibGit2Sharp;

namespace GitHost.Services.Content.Refs;

/// <summary>Reads branches: the list, the default branch's tip and the configured default branch.</summary>
public sealed class BranchQueries(RepositoryLookup lookup, ContentRepositories repositories)
{
    public async Task<Page<BranchView>> ListAsync(
        Principal principal, string projectKey, string slug, RefQuery query, string? compareBase, PageRequest page, CancellationToken cancellationToken)
    {
        using var opened = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var (found, repo) = (opened.Entity, opened.Git);
        if (!string.IsNullOrEmpty(compareBase))
        {
            // base only feeds plugin metadata (ahead/behind), which GitHost has none of yet; it must still name something.
            CommitResolver.Resolve(repo, compareBase, "base");
        }

        var defaultRef = RefNamespace.Branches.FullName(found.Repository.DefaultBranch);
        return RefListing.Page(repo, RefNamespace.Branches, query, page).Map(r => View(r, defaultRef));
    }

    /// <summary>The default branch with its tip; null when it has no commit yet (an empty repository: Bitbucket's 204).</summary>
    public async Task<BranchView?> DefaultAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        using var opened = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var (found, repo) = (opened.Entity, opened.Git);
        var defaultRef = RefNamespace.Branches.FullName(found.Repository.DefaultBranch);
        var reference = repo.Refs[defaultRef];
        if (reference is not null)
        {
            return View(reference, defaultRef);
        }

        if (repo.Refs.FromGlob(RefNamespace.Branches.Prefix + "*").Any())
        {
            throw NoSuchBranch(found.Repository.DefaultBranch);
        }

        return null;
    }

    /// <summary>The configured default branch's name, which exists before the first push.</summary>
    public async Task<string> ConfiguredDefaultAsync(Principal principal, string projectKey, string slug, CancellationToken cancellationToken)
    {
        var found = await lookup.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        return RefNamespace.Branches.FullName(found.Repository.DefaultBranch);
    }

    public static GitHostException NoSuchBranch(string name) =>
        new(FailureKind.NotFound, $"Branch '{name}' does not exist in this repository.", exceptionName: ContentExceptionNames.NoSuchBranch);

    internal static BranchView View(Reference reference, string defaultRef) => new(
        reference.CanonicalName,
        RefNamespace.Branches.ShortName(reference.CanonicalName),
        CommitResolver.Peel(reference)?.Sha ?? reference.TargetIdentifier,
        reference.CanonicalName == defaultRef);
}
