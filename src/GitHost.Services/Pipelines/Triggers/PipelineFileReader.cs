using GitHost.Git.Reading;
using LibGit2Sharp;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Pipelines.Triggers;

/// <summary>The pipelines file and what else a trigger needs to know about a commit, read straight from the bare repository.</summary>
public sealed class PipelineFileReader(GitRepositoryOpener opener, IOptionsMonitor<PipelineSchedulerOptions> options)
{
    /// <summary>Files above this are not read into memory at all; the parser refuses smaller ones over its own limit.</summary>
    private const long ReadLimit = 16L * 1024 * 1024;

    /// <summary>The file at <paramref name="commitId"/>, or null when the commit has none (or the commit is gone).</summary>
    public CommitFacts? Read(long repositoryId, string commitId)
    {
        using var repository = opener.Open(repositoryId);
        if (repository.Lookup<Commit>(commitId) is not { } commit)
        {
            return null;
        }

        if (commit[options.CurrentValue.FileName]?.Target is not Blob blob)
        {
            return new CommitFacts(commit.Message, null, 0);
        }

        return new CommitFacts(commit.Message, blob.Size > ReadLimit ? null : blob.GetContentText(), blob.Size);
    }

    /// <summary>Paths changed between <paramref name="fromCommitId"/> (or, when null, the commit's first parent) and <paramref name="toCommitId"/>; null when unknown (a root commit), which condition checks treat as "run".</summary>
    public IReadOnlyList<string>? ChangedPaths(long repositoryId, string? fromCommitId, string toCommitId)
    {
        using var repository = opener.Open(repositoryId);
        if (repository.Lookup<Commit>(toCommitId) is not { } to)
        {
            return null;
        }

        var from = fromCommitId is null ? to.Parents.FirstOrDefault() : repository.Lookup<Commit>(fromCommitId);
        if (from is null)
        {
            return null;
        }

        var changes = repository.Diff.Compare<TreeChanges>(from.Tree, to.Tree);
        return changes.SelectMany(c => c.Path == c.OldPath ? new[] { c.Path } : [c.Path, c.OldPath]).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The merge base of two commits, for a pull request's changes; null when they share no history.</summary>
    public string? MergeBase(long repositoryId, string a, string b)
    {
        using var repository = opener.Open(repositoryId);
        var left = repository.Lookup<Commit>(a);
        var right = repository.Lookup<Commit>(b);
        return left is null || right is null ? null : repository.ObjectDatabase.FindMergeBase(left, right)?.Sha;
    }
}

/// <summary>A commit's message and its pipelines file: <see cref="FileSize"/> 0 when it has none; the text null when it has none or is too large to read.</summary>
public sealed record CommitFacts(string Message, string? PipelineFile, long FileSize)
{
    public bool HasFile => FileSize > 0 || PipelineFile is not null;
}
