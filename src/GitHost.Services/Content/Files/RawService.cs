using GitHost.Core.Failures;
using GitHost.Core.Security;
using GitHost.Git.Commands;

namespace GitHost.Services.Content.Files;

/// <summary><c>raw</c>: a file's bytes at a commit, streamed from <c>git cat-file</c> straight to the caller.</summary>
public sealed class RawService(ContentRepositories repositories, GitCommandRunner git)
{
    /// <summary>Finds the blob; throws 404 for a missing path and 404 for a directory, as Bitbucket does.</summary>
    public async Task<RawFile> FindAsync(Principal principal, string projectKey, string slug, ContentPath path, string? at, CancellationToken cancellationToken)
    {
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.Resolve(repository.Git, at, "at");
        var revision = at ?? repository.Git.Head.FriendlyName;
        var entry = ContentNodes.Find(commit, path, revision);
        if (ContentNodes.TypeOf(entry) != NodeType.File)
        {
            throw new GitHostException(FailureKind.NotFound, $"\"{path}\" is not a file at revision \"{revision}\".", "path", ContentNodes.NoSuchPath);
        }

        var size = repository.Git.ObjectDatabase.RetrieveObjectMetadata(entry!.Target.Id).Size;
        return new RawFile(path, entry.Target.Sha, size, repository.GitDir);
    }

    /// <summary>Copies the blob to <paramref name="destination"/>; git is killed if the caller goes away.</summary>
    public async Task CopyToAsync(RawFile file, Stream destination, CancellationToken cancellationToken)
    {
        var run = await git.Command("cat-file", "blob").GitDir(file.GitDir).Value(file.BlobId)
            .StreamAsync((stdout, ct) => stdout.CopyToAsync(destination, ct), cancellationToken);
        run.EnsureSuccess();
    }
}

/// <summary>A blob found for <c>raw</c>: enough to write headers before the bytes are streamed.</summary>
public sealed record RawFile(ContentPath Path, string BlobId, long Size, string GitDir);
