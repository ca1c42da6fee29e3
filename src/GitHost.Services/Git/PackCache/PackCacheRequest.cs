using GitHost.Git.Commands;

namespace GitHost.Services.Git.PackCache;

/// <summary>
/// One cacheable upload-pack request: its <see cref="Key"/>, whether answering it generates a pack
/// (and so needs a turn from the admission gate), and how to run git for it, writing git's stdout to
/// the stream it is given. <see cref="StateUnchanged"/> is asked once git is done: an answer made while
/// a push moved refs is sent to its readers but not kept, since the state in its key is no longer the one it shows.
/// </summary>
public sealed record PackCacheRequest(
    string Key, long RepositoryId, bool GeneratesPack, Func<Stream, CancellationToken, Task<GitResult>> Generate, Func<bool> StateUnchanged)
{
    /// <summary>
    /// The request for <paramref name="body"/> to upload-pack in the repository at <paramref name="gitDir"/>:
    /// its key from the repository's state now, and <paramref name="command"/> fed the body when it must run.
    /// </summary>
    public static PackCacheRequest ForUploadPack(
        RepositoryStates states, long repositoryId, string gitDir, bool advertise, string? protocol, byte[] body, bool generatesPack, GitCommand command)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(command);
        var state = states.Fingerprint(gitDir);
        return new PackCacheRequest(
            UploadPackCache.KeyFor(repositoryId, state, "git-upload-pack", advertise, protocol, body),
            repositoryId,
            generatesPack,
            (sink, ct) => command.RunStreamingAsync(new MemoryStream(body, writable: false), sink, onFirstOutput: null, ct),
            () => states.Fingerprint(gitDir) == state);
    }
}
