using GitHost.Git.Commands;

namespace GitHost.Services.Git;

/// <summary>A git command ready to run and, for a push, the session its hooks call back with; dispose it once git has exited.</summary>
public sealed class PreparedGitCommand(GitCommand command, PushSessions.Lease? push) : IDisposable
{
    public GitCommand Command { get; } = command;

    public PushSession? Push => push?.Session;

    public void Dispose() => push?.Dispose();
}
