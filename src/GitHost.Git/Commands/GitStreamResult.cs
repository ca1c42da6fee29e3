namespace GitHost.Git.Commands;

/// <summary>
/// How a streamed git run ended: <see cref="Stopped"/> is true when GitHost stopped reading (and
/// killed the process) before git had written everything, so a non-zero exit code is expected.
/// </summary>
public sealed record GitStreamResult(GitResult Result, bool Stopped)
{
    /// <summary>Git ran to the end and succeeded, or GitHost stopped it on purpose.</summary>
    public bool Succeeded => Stopped || Result.Succeeded;

    public GitStreamResult EnsureSuccess() => Succeeded ? this : throw Result.ToException();
}
