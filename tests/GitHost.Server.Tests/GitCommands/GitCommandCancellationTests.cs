using GitHost.Git;
using GitHost.Git.Commands;
using GitHost.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.GitCommands;

/// <summary>A git run that is cancelled leaves nothing behind: not the process, not its children, not a zombie.</summary>
public sealed class GitCommandCancellationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_cancelled_run_kills_and_reaps_git_and_its_children()
    {
        var ct = TestContext.Current.CancellationToken;
        var home = Directory.CreateTempSubdirectory("githost-git-cancel-").FullName;
        var runner = new GitCommandRunner(Options.Create(new GitOptions()), new GitEnvironment(home), NullLogger<GitCommandRunner>.Instance);
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);

        // An alias that starts a shell and a long sleep: a git with a child process, as upload-pack has.
        var run = runner.Command("sleepy").Config("alias.sleepy", "!sleep 300").OnStarted(pid => started.TrySetResult(pid)).RunAsync(cancel.Token);
        var gitPid = await started.Task.WaitAsync(Deadline, ct);
        var children = await DescendantsAsync(gitPid, ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(Directory.Exists($"/proc/{gitPid}"), "git is still in the process table (running or a zombie)");
        // SIGKILL reaches the orphaned children when the kernel next schedules them, which on a loaded machine
        // can be just after kill() returned: what must hold is that they die, promptly.
        await WaitUntilGoneAsync(children, ct);
        Assert.All(children, child => Assert.False(ProcessTable.IsRunning(child), $"child {child} still runs"));
        Directory.Delete(home, recursive: true);
    }

    private static async Task WaitUntilGoneAsync(IReadOnlyList<int> processes, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            while (processes.Any(ProcessTable.IsRunning))
            {
                await Task.Delay(10, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The assertion that follows names the survivor.
        }
    }

    /// <summary>Waits until git has started its child (the alias's shell runs sleep), then lists them.</summary>
    private static async Task<IReadOnlyList<int>> DescendantsAsync(int processId, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        while (true)
        {
            var descendants = ProcessTable.DescendantsOf(processId);
            if (descendants.Any(pid => ProcessTable.CommandLine(pid).Contains("sleep 300", StringComparison.Ordinal)))
            {
                return descendants;
            }

            await Task.Yield();
            deadline.Token.ThrowIfCancellationRequested();
        }
    }
}
