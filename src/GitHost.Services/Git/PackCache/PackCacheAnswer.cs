using GitHost.Git.Commands;

namespace GitHost.Services.Git.PackCache;

/// <summary>How a request was answered through the cache.</summary>
public enum PackCacheSource
{
    /// <summary>From a finished entry: no git ran.</summary>
    Stored,

    /// <summary>From an entry another request was generating: no git ran for this one.</summary>
    Shared,

    /// <summary>This request started the generation (a miss).</summary>
    Generated,

    /// <summary>A miss that got no turn from the admission gate: nothing was written.</summary>
    Busy,
}

/// <summary>
/// The outcome of <see cref="UploadPackCache.ServeAsync"/>: where the answer came from, and for a
/// generation that failed, git's result (the door logs it, and answers 400 when nothing was written).
/// </summary>
public sealed record PackCacheAnswer(PackCacheSource Source, GitResult? Failure, bool WroteOutput);
