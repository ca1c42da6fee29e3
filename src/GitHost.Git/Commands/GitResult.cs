namespace GitHost.Git.Commands;

/// <summary>What a finished git process left behind: exit code, captured stdout (when asked) and stderr.</summary>
public sealed record GitResult(int ExitCode, string StandardOutput, string StandardError, string Description)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>For streaming runs: whether git wrote anything to stdout (after that, an HTTP status can no longer change).</summary>
    public bool WroteOutput { get; init; }

    public GitResult EnsureSuccess() => Succeeded ? this : throw ToException();

    public Exception ToException() =>
        new InvalidOperationException($"{Description} exited with {ExitCode}: {StandardError.Trim()}");
}
