using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Git.Reading;
using GitHost.Services.Repositories;
using LibGit2Sharp;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Content.Refs;

/// <summary>
/// Creates (annotated when a message is given, lightweight otherwise) and deletes tags; REPO_WRITE.
/// An annotated tag's object is written with LibGit2Sharp (objects are immutable and harmless until a
/// ref names them); the ref itself moves with git's compare-and-swap like every other ref.
/// </summary>
public sealed class TagCommands(
    GitHostDbContext db, RepositoryLookup lookup, GitRepositoryOpener opener, RefChangeRecorder recorder, TimeProvider time)
{
    public async Task<TagView> CreateAsync(
        Principal principal, string projectKey, string slug, CreateTag command, CancellationToken cancellationToken)
    {
        var found = await lookup.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoWrite, cancellationToken);
        var refName = NewRefNames.DemandNoOptionLikePart(TagQueries.ParseName(command.Name));
        if (string.IsNullOrWhiteSpace(command.StartPoint))
        {
            throw GitHostException.Invalid("A start point (a branch, tag or commit id) is required.", "startPoint");
        }

        var annotated = command.Annotated ?? !string.IsNullOrEmpty(command.Message);
        var tagger = annotated ? await TaggerAsync(principal, cancellationToken) : null;
        string commitId;
        string target;
        using (var repo = opener.Open(found.Repository.Id))
        {
            var commit = CommitResolver.Resolve(repo, command.StartPoint.Trim(), "startPoint");
            commitId = commit.Sha;
            if (repo.Refs[refName] is { } existing && command.Force
                && !await recorder.ApplyAsync(principal, found.Repository.Id,
                    RefChange.Delete(refName, RefNamespace.Tags, existing.ResolveToDirectReference().TargetIdentifier), cancellationToken))
            {
                throw BranchCommands.Duplicate(refName);
            }

            BranchCommands.EnsureFree(repo, refName);
            target = tagger is null
                ? commitId
                : repo.ObjectDatabase.CreateTagAnnotation(RefNamespace.Tags.ShortName(refName), commit, tagger, Message(command.Message)).Sha;
        }

        if (!await recorder.ApplyAsync(principal, found.Repository.Id, RefChange.Add(refName, RefNamespace.Tags, target), cancellationToken))
        {
            throw BranchCommands.Duplicate(refName);
        }

        return new TagView(refName, RefNamespace.Tags.ShortName(refName), commitId, target);
    }

    /// <summary>Deletes a tag; 404 NoSuchTagException when there is none.</summary>
    public async Task DeleteAsync(Principal principal, string projectKey, string slug, string name, CancellationToken cancellationToken)
    {
        var found = await lookup.FindWithLevelAsync(principal, projectKey, slug, Permission.RepoWrite, cancellationToken);
        var refName = TagQueries.ParseName(name);
        string current;
        using (var repo = opener.Open(found.Repository.Id))
        {
            current = repo.Refs[refName]?.ResolveToDirectReference().TargetIdentifier ?? throw TagQueries.NoSuchTag(name);
        }

        if (!await recorder.ApplyAsync(principal, found.Repository.Id, RefChange.Delete(refName, RefNamespace.Tags, current), cancellationToken))
        {
            throw TagQueries.NoSuchTag(name);
        }
    }

    private async Task<Signature> TaggerAsync(Principal principal, CancellationToken cancellationToken)
    {
        var user = principal.UserId is { } id
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            : null;
        var name = user is null ? principal.UserName ?? "GitHost" : (string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? user.Slug : user.DisplayName);
        var email = user?.Email ?? "noreply@githost.invalid";
        return new Signature(name, email, time.GetUtcNow());
    }

    /// <summary>git stores messages with a final newline; an empty annotated tag message is allowed.</summary>
    private static string Message(string? message) => (message ?? "").TrimEnd() + "\n";
}
