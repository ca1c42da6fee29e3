using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Git.Reading;
using GitHost.Services.Repositories;

namespace GitHost.Services.Content.Refs;

/// <summary>
/// Creates and deletes branches (REPO_WRITE). Each change is a compare-and-swap through
/// <see cref="RefUpdater"/> and records a <c>repo:refs_changed</c> event.
/// </summary>
public sealed class BranchCommands(RepositoryLookup lookup, GitRepositoryOpener opener, RefChangeRecorder recorder)
{
    public async Task<BranchView> CreateAsync(
        Principal principal, string projectKey, string slug, string? name, string? startPoint, CancellationToken cancellationToken)
    {
        var found = await lookup.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoWrite, cancellationToken);
        var refName = NewRefNames.DemandNoOptionLikePart(ParseName(name));
        if (string.IsNullOrWhiteSpace(startPoint))
        {
            throw GitHostException.Invalid("A start point (a branch, tag or commit id) is required.", "startPoint");
        }

        string target;
        using (var repo = opener.Open(found.Repository.Id))
        {
            target = CommitResolver.Resolve(repo, startPoint.Trim(), "startPoint").Sha;
            EnsureFree(repo, refName);
        }

        if (!await recorder.ApplyAsync(principal, found.Repository.Id, RefChange.Add(refName, RefNamespace.Branches, target), cancellationToken))
        {
            throw Duplicate(refName);
        }

        return new BranchView(refName, RefNamespace.Branches.ShortName(refName), target,
            refName == RefNamespace.Branches.FullName(found.Repository.DefaultBranch));
    }

    /// <summary>
    /// Deletes a branch. Absent already: nothing to do (Bitbucket answers 204 either way). With
    /// <paramref name="endPoint"/>, the branch must still be at that commit (400 otherwise, as
    /// Bitbucket documents); the default branch cannot be deleted. <paramref name="dryRun"/> checks only.
    /// </summary>
    public async Task DeleteAsync(
        Principal principal, string projectKey, string slug, string? name, string? endPoint, bool dryRun, CancellationToken cancellationToken)
    {
        var found = await lookup.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoWrite, cancellationToken);
        var refName = ParseName(name);
        if (refName == RefNamespace.Branches.FullName(found.Repository.DefaultBranch))
        {
            throw GitHostException.Invalid($"'{RefNamespace.Branches.ShortName(refName)}' is the default branch and cannot be deleted.", "name");
        }

        string current;
        using (var repo = opener.Open(found.Repository.Id))
        {
            var reference = repo.Refs[refName];
            if (reference is null)
            {
                return;
            }

            current = reference.ResolveToDirectReference().TargetIdentifier;
            if (!string.IsNullOrWhiteSpace(endPoint))
            {
                var expected = CommitResolver.TryResolve(repo, endPoint.Trim(), "endPoint")?.Sha;
                if (expected != current)
                {
                    throw EndPointMismatch(refName, endPoint);
                }
            }
        }

        if (dryRun)
        {
            return;
        }

        if (!await recorder.ApplyAsync(principal, found.Repository.Id, RefChange.Delete(refName, RefNamespace.Branches, current), cancellationToken))
        {
            // Someone moved or deleted the branch since it was read. Gone is what the caller asked
            // for; moved means the caller's view (endPoint, or the tip just read) is out of date.
            using var repo = opener.Open(found.Repository.Id);
            if (repo.Refs[refName] is not null)
            {
                throw EndPointMismatch(refName, endPoint ?? current);
            }
        }
    }

    /// <summary><c>x</c> or <c>refs/heads/x</c> → <c>refs/heads/x</c>; 400 for anything check-ref-format would refuse.</summary>
    public static string ParseName(string? name)
    {
        var shortName = RefNamespace.Branches.ShortName(name?.Trim() ?? "");
        return BranchName.IsValid(shortName) && !shortName.StartsWith("refs/", StringComparison.Ordinal) && shortName != "HEAD"
            ? RefNamespace.Branches.FullName(shortName)
            : throw new GitHostException(FailureKind.Invalid, $"'{Printable(name)}' is not a valid branch name.", "name", ContentExceptionNames.InvalidRefName);
    }

    internal static void EnsureFree(LibGit2Sharp.Repository repo, string refName)
    {
        if (repo.Refs[refName] is not null)
        {
            throw Duplicate(refName);
        }

        // git stores refs as files: "a" and "a/b" cannot both exist.
        var clash = repo.Refs.FirstOrDefault(r => refName.StartsWith(r.CanonicalName + "/", StringComparison.Ordinal)
            || r.CanonicalName.StartsWith(refName + "/", StringComparison.Ordinal));
        if (clash is not null)
        {
            throw new GitHostException(FailureKind.Conflict,
                $"'{refName}' cannot be created because '{clash.CanonicalName}' exists; git cannot hold both.",
                "name", ContentExceptionNames.DuplicateRef);
        }
    }

    internal static GitHostException Duplicate(string refName) =>
        new(FailureKind.Conflict, $"'{refName}' already exists in this repository.", "name", ContentExceptionNames.DuplicateRef);

    internal static string Printable(string? value) =>
        new((value ?? "").Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static GitHostException EndPointMismatch(string refName, string endPoint) =>
        new(FailureKind.Invalid,
            $"'{refName}' is not at '{Printable(endPoint)}'; it has moved. Read the branch again and retry.",
            "endPoint", ContentExceptionNames.RefOutOfDate);
}
