using System.Text;
using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Comments;
using GitHost.Data.PullRequests;
using GitHost.Git.Reading;
using GitHost.Services.Content.Refs;
using GitHost.Services.Permissions;
using GitHost.Services.PullRequests;
using Blob = LibGit2Sharp.Blob;
using Signature = LibGit2Sharp.Signature;
using TreeDefinition = LibGit2Sharp.TreeDefinition;
using TreeEntryTargetType = LibGit2Sharp.TreeEntryTargetType;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Comments;

/// <summary>
/// <c>POST .../comments/{commentId}/apply-suggestion</c>: writes one <c>```suggestion</c> block of a line
/// comment over the lines it is anchored on (line, or multilineStartLine..line, of the TO side) in the
/// source head, as a new commit on the source branch by the caller. Like a merge, the commit is made
/// without a work tree and published with one compare-and-swap through <see cref="RefChangeRecorder"/>,
/// which records <c>repo:refs_changed</c> and rescopes the pull request; a push that moved the branch
/// first wins and this answers 409 with nothing written. Bitbucket's rule: only someone who can write
/// the source repository (the fork, for a pull request from a fork) applies a suggestion.
/// </summary>
public sealed partial class CommentSuggestions(
    GitHostDbContext db,
    PullRequestAccess access,
    PermissionService permissions,
    GitRepositoryOpener opener,
    RefChangeRecorder recorder,
    TimeProvider time,
    ILogger<CommentSuggestions> logger)
{
    /// <summary>Files larger than this are not edited in memory for a suggestion.</summary>
    public const int MaxFileBytes = 8 * 1024 * 1024;

    public const int MaxMessageLength = 32 * 1024;

    public async Task ApplyAsync(
        Principal principal, string projectKey, string slug, long number, long commentId, ApplySuggestionCommand command, CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var pullRequest = target.PullRequest;
        await DemandSourceWriterAsync(principal, target, cancellationToken);
        var comment = await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commentId && c.PullRequestId == pullRequest.Id, cancellationToken);
        if (comment is null || (comment.State == CommentState.Pending && comment.AuthorId != userId))
        {
            throw CommentFailures.NotFound(commentId);
        }

        if (pullRequest.State != PullRequestState.Open)
        {
            throw PullRequestFailures.NotOpen("changed by a suggestion", pullRequest.State);
        }

        PullRequestVersions.Demand(command.PullRequestVersion, pullRequest);
        if (command.CommentVersion != comment.Version)
        {
            throw CommentFailures.StaleVersion(command.CommentVersion, comment.Version);
        }

        var (first, last) = Lines(comment, pullRequest);
        var suggestion = Suggestion(comment.Text, command.SuggestionIndex);
        if (command.CommitMessage?.Length > MaxMessageLength)
        {
            throw GitHostException.Invalid($"The commit message may be at most {MaxMessageLength} characters long.", "commitMessage");
        }

        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        var commentAuthor = await db.Users.AsNoTracking().Where(u => u.Id == comment.AuthorId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var message = string.IsNullOrWhiteSpace(command.CommitMessage)
            ? $"Apply suggestion from {commentAuthor ?? "a former user"} on pull request #{pullRequest.Number}"
            : command.CommitMessage.Trim();
        var author = new Signature(user.DisplayName, user.Email ?? "", time.GetUtcNow());
        var commit = WriteCommit(pullRequest, comment.Anchor!.Path, first, last, suggestion, message + "\n", author);

        var change = new RefChange(pullRequest.FromRef, PullRequestRefs.DisplayId(pullRequest.FromRef), "BRANCH", pullRequest.FromCommit, commit, "UPDATE");
        if (!await recorder.ApplyAsync(principal, pullRequest.FromRepositoryId, change, cancellationToken))
        {
            Log.Lost(logger, comment.Id, pullRequest.Id);
            var current = await db.PullRequests.AsNoTracking().Where(p => p.Id == pullRequest.Id).Select(p => p.Version).FirstAsync(cancellationToken);
            throw new GitHostException(FailureKind.Conflict,
                "The source branch moved while the suggestion was being applied; read the pull request and the comment again and retry.",
                exceptionName: PullRequestFailures.OutOfDate)
            {
                Extra = new Dictionary<string, object?> { ["currentVersion"] = current },
            };
        }

        Log.Applied(logger, comment.Id, pullRequest.Id, userId, commit);
    }

    /// <summary>Write access to the repository the source branch lives in: the target itself, or the fork.</summary>
    private async Task DemandSourceWriterAsync(Principal principal, PullRequestTarget target, CancellationToken cancellationToken)
    {
        var pullRequest = target.PullRequest;
        var level = target.Level;
        if (pullRequest.FromRepositoryId != pullRequest.RepositoryId)
        {
            var source = await db.Repositories.AsNoTracking().Where(r => r.Id == pullRequest.FromRepositoryId)
                .Join(db.Projects.AsNoTracking(), r => r.ProjectId, p => p.Id, (r, p) => new RepositoryWithProject { Repository = r, Project = p })
                .FirstOrDefaultAsync(cancellationToken);
            level = source is null ? Permission.None : await permissions.RepositoryLevelAsync(principal, source.Repository, source.Project, cancellationToken);
        }

        if (level < Permission.RepoWrite)
        {
            throw GitHostException.NotPermitted();
        }
    }

    /// <summary>The lines the comment replaces, when it is a line comment on the pull request's current source head.</summary>
    private static (int First, int Last) Lines(CommentEntity comment, PullRequestEntity pullRequest)
    {
        var anchor = comment.Anchor;
        if (anchor?.Line is not { } line)
        {
            throw CommentFailures.Anchor("Only a comment on a line of the diff can carry a suggestion; this one is not on a line.", "commentId");
        }

        if (anchor.FileType != "TO")
        {
            throw CommentFailures.Anchor("A suggestion replaces lines of the source branch; this comment is on a removed line of the target side.", "commentId");
        }

        if (anchor.Orphaned || anchor.DiffType != "EFFECTIVE" || anchor.ToHash != pullRequest.FromCommit)
        {
            throw CommentFailures.SuggestionNotApplicable(
                "The comment was made on an older version of the source branch and its lines have changed since.");
        }

        return (anchor.MultilineStartLine ?? line, line);
    }

    private static IReadOnlyList<string> Suggestion(string text, int? index)
    {
        var blocks = SuggestionBlocks.Parse(text);
        var wanted = index ?? 0;
        if (blocks.Count == 0)
        {
            throw GitHostException.Invalid("The comment has no suggestion: a suggestion is a ```suggestion fenced block in its text.", "suggestionIndex");
        }

        return wanted >= 0 && wanted < blocks.Count
            ? blocks[wanted]
            : throw GitHostException.Invalid(
                $"The comment has {blocks.Count} suggestion{(blocks.Count == 1 ? "" : "s")}: suggestionIndex counts from 0 and must be below {blocks.Count}.",
                "suggestionIndex");
    }

    /// <summary>The new commit (an object only; no ref moves here), child of the source head, with the file's lines replaced.</summary>
    private string WriteCommit(PullRequestEntity pullRequest, string path, int first, int last, IReadOnlyList<string> suggestion, string message, Signature author)
    {
        using var repo = opener.Open(pullRequest.FromRepositoryId);
        var head = repo.Lookup(pullRequest.FromCommit) as LibGit2Sharp.Commit
            ?? throw CommentFailures.SuggestionNotApplicable("The source head of the pull request is no longer in its repository.");
        if (head[path] is not { TargetType: TreeEntryTargetType.Blob } entry || entry.Target is not Blob blob)
        {
            throw CommentFailures.SuggestionNotApplicable($"{path} is no longer a file in the source branch.");
        }

        if (blob.IsBinary || blob.Size > MaxFileBytes)
        {
            throw CommentFailures.SuggestionNotApplicable($"{path} is binary or larger than {MaxFileBytes / (1024 * 1024)} MiB.");
        }

        string content;
        using (var stream = blob.GetContentStream())
        using (var reader = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false))
        {
            try
            {
                content = reader.ReadToEnd();
            }
            catch (DecoderFallbackException)
            {
                throw CommentFailures.SuggestionNotApplicable($"{path} is not UTF-8 text.");
            }
        }

        var edited = SuggestionEdit.Replace(content, first, last, suggestion)
            ?? throw CommentFailures.SuggestionNotApplicable($"{path} has fewer than {last} lines in the source branch.");
        if (edited == content)
        {
            throw GitHostException.Invalid("The suggestion is already applied: the lines read exactly as it suggests.", "suggestionIndex");
        }

        using var bytes = new MemoryStream(new UTF8Encoding(false).GetBytes(edited));
        var newBlob = repo.ObjectDatabase.CreateBlob(bytes);
        var tree = TreeDefinition.From(head);
        tree.Add(path, newBlob, entry.Mode);
        var created = repo.ObjectDatabase.CreateCommit(author, author, message, repo.ObjectDatabase.CreateTree(tree), [head], prettifyMessage: false);
        return created.Sha;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5210, Level = LogLevel.Information,
            Message = "Suggestion of comment {CommentId} applied to pull request {PullRequestId} by {UserId} as {Commit}")]
        public static partial void Applied(ILogger logger, long commentId, long pullRequestId, long userId, string commit);

        [LoggerMessage(EventId = 5211, Level = LogLevel.Information,
            Message = "Suggestion of comment {CommentId} on pull request {PullRequestId} lost the race for the source branch")]
        public static partial void Lost(ILogger logger, long commentId, long pullRequestId);
    }
}
