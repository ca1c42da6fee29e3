using System.Text;
using GitHost.Core.Failures;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Git.Commands;
using GitHost.Git.Transport;
using GitHost.Services.Git;
using GitHost.Services.Git.Admission;
using GitHost.Services.Git.PackCache;
using GitHost.Ssh;

namespace GitHost.Server.GitSsh;

/// <summary>
/// Git over SSH: the second door to the same repositories as <c>/scm</c>. An exec'd command is parsed
/// strictly (<see cref="GitSshCommand"/>), the key's principal is checked by the same
/// <see cref="GitRepositoryAccess"/> the HTTP door uses, and the same <see cref="GitTransportCommands"/>
/// starts git, so a push runs the same hooks and records the same <c>repo:refs_changed</c> event.
/// Refusals are one line on stderr and exit status 1; the client prints them and gives up.
/// </summary>
internal sealed partial class GitSshDoor(
    IServiceScopeFactory scopes, GitTransportCommands transport, PackGenerationGate packGenerations, UploadPackCache cache, RepositoryStates states, GitSshBaseUrl baseUrl, ILogger<GitSshDoor> logger) : ISshCommandHandler
{
    private const int Refused = 1;

    /// <summary>Repository ids start at 1: a token limited to this one reaches none.</summary>
    private const long NoRepository = 0;

    /// <summary>Largest protocol v2 request read whole (a fetch round's haves fit many times over).</summary>
    private const int MaxV2RequestBytes = 8 * 1024 * 1024;

    public async Task<int> RunAsync(
        SshIdentity identity, string command, IReadOnlyDictionary<string, string> environment, SshChannelStreams io, CancellationToken cancellationToken)
    {
        if (identity is not GitSshIdentity caller)
        {
            return await RefuseAsync(io, "This SSH identity is not a GitHost key.", cancellationToken);
        }

        if (!GitSshCommand.TryParse(command, out var parsed, out var refusal))
        {
            Log.CommandRefused(logger, caller.Name, command.Length);
            return await RefuseAsync(io, refusal, cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<GitRepositoryAccess>();
        try
        {
            var principal = await PrincipalForAsync(caller, access, parsed, cancellationToken);
            var (target, path) = await access.DemandAsync(principal, parsed.ProjectKey, parsed.Repository, parsed.Service, cancellationToken);
            var protocol = GitProtocolHeader.Sanitize(environment.GetValueOrDefault("GIT_PROTOCOL"));
            if (parsed.Service == GitService.UploadPack && cache.Enabled && GitProtocolHeader.IsVersion2(protocol))
            {
                return await ServeUploadPackV2Async(principal, target.Repository.Id, path, protocol, caller.ClientAddress, io, cancellationToken);
            }

            using var run = transport.Prepare(new GitTransportRequest(
                parsed.Service, "ssh", StatelessRpc: false, AdvertiseOnly: false, principal, target.Repository.Id, path,
                environment.GetValueOrDefault("GIT_PROTOCOL"), caller.ClientAddress, baseUrl.Value));
            // An ssh session is one conversation: an upload-pack may end in a pack, so it waits for its turn from the start.
            using var turn = parsed.Service == GitService.UploadPack ? await packGenerations.TryEnterAsync(cancellationToken) : null;
            if (parsed.Service == GitService.UploadPack && turn is null)
            {
                return await RefuseBusyAsync(io, target.Repository.Id, cancellationToken);
            }

            var result = await run.Command.RunConversationAsync(io.Stdin, io.Stdout, cancellationToken);
            if (!result.Succeeded)
            {
                await ReportFailureAsync(io, target.Repository.Id, parsed.Service, result, result.WroteOutput, cancellationToken);
            }

            return result.ExitCode;
        }
        catch (GitHostException failure)
        {
            Log.AccessRefused(logger, caller.Name, parsed.Service.WireName(), parsed.ProjectKey, parsed.Repository, failure.Kind.ToString());
            return await RefuseAsync(io, failure.Message, cancellationToken);
        }
        catch (InvalidDataException malformed)
        {
            return await RefuseAsync(io, "fatal: " + malformed.Message, cancellationToken);
        }
        catch (PackGenerationAbortedException)
        {
            // Part of an answer was sent; the client must see the session fail, not a short pack.
            return Refused;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && cancellationToken.IsCancellationRequested)
        {
            // The client went away: git was killed and reaped, and receive-pack moved no ref it had not finished.
            Log.ClientGone(logger, parsed.ProjectKey, parsed.Repository, parsed.Service.WireName());
            return Refused;
        }
    }

    /// <summary>
    /// A protocol v2 upload-pack session, answered request by request: v2 keeps no state between
    /// requests, so each one (the capability advertisement, then every <c>ls-refs</c> or <c>fetch</c> the
    /// client sends) is run as its own stateless upload-pack through the pack cache, exactly as over HTTP.
    /// Identical requests over either door share one answer.
    /// </summary>
    private async Task<int> ServeUploadPackV2Async(
        Principal principal, long repositoryId, string path, string? protocol, string? clientAddress, SshChannelStreams io, CancellationToken cancellationToken)
    {
        var body = Array.Empty<byte>();
        var command = "";
        var advertise = true;
        while (true)
        {
            using var run = transport.Prepare(new GitTransportRequest(
                GitService.UploadPack, "ssh", StatelessRpc: true, advertise, principal, repositoryId, path, protocol, clientAddress, baseUrl.Value));
            var request = PackCacheRequest.ForUploadPack(states, repositoryId, path, advertise, protocol, body, generatesPack: command == "fetch", run.Command);
            var answer = await cache.ServeAsync(request, io.Stdout, onFirstOutput: null, cancellationToken);
            if (answer.Source == PackCacheSource.Busy)
            {
                return await RefuseBusyAsync(io, repositoryId, cancellationToken);
            }

            if (answer.Failure is { } failed)
            {
                await ReportFailureAsync(io, repositoryId, GitService.UploadPack, failed, answer.WroteOutput, cancellationToken);
                return failed.ExitCode;
            }

            await io.Stdout.FlushAsync(cancellationToken);
            if (await ProtocolV2Request.ReadAsync(io.Stdin, MaxV2RequestBytes, cancellationToken) is not { } next)
            {
                return 0;
            }

            (body, command, advertise) = (next.Body, next.Command, false);
        }
    }

    /// <summary>
    /// A user key is its user everywhere; an access key acts with its grant on this repository (or its
    /// project) only. Without one it gets a token principal limited to no repository, so the permission
    /// service answers as for any token outside its grant: public repositories only, anything else
    /// "does not exist", exactly like a missing repository.
    /// </summary>
    private static async Task<Principal> PrincipalForAsync(GitSshIdentity caller, GitRepositoryAccess access, GitSshCommand command, CancellationToken cancellationToken)
    {
        if (caller.Key.User is { } user)
        {
            return user;
        }

        var found = await access.FindUncheckedAsync(command.ProjectKey, command.Repository, cancellationToken);
        return (found is null ? null : caller.Key.PrincipalFor(found.Repository.Id, found.Project.Id))
            ?? new Principal(null, caller.Key.Name, new TokenLimits(caller.Key.KeyId, null, NoRepository, Permission.None, Permission.None));
    }

    private Task<int> RefuseBusyAsync(SshChannelStreams io, long repositoryId, CancellationToken cancellationToken)
    {
        Log.Busy(logger, repositoryId, packGenerations.Running, packGenerations.Waiting);
        return RefuseAsync(io, "fatal: " + packGenerations.BusyMessage, cancellationToken);
    }

    // git's stderr names server paths; it goes to the log, the client gets a generic line (unless git already spoke).
    private async Task ReportFailureAsync(
        SshChannelStreams io, long repositoryId, GitService service, GitResult failed, bool wroteOutput, CancellationToken cancellationToken)
    {
        Log.GitFailed(logger, repositoryId, service.WireName(), failed.ExitCode, failed.StandardError.Trim());
        if (!wroteOutput)
        {
            await WriteLineAsync(io.Stderr, $"{service.WireName()} failed on the server (exit {failed.ExitCode}).", cancellationToken);
        }
    }

    private static async Task<int> RefuseAsync(SshChannelStreams io, string message, CancellationToken cancellationToken)
    {
        await WriteLineAsync(io.Stderr, message, cancellationToken);
        return Refused;
    }

    private static Task WriteLineAsync(Stream stream, string line, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken).AsTask();

    private static partial class Log
    {
        [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "SSH command of {Identity} refused: not a git command ({Length} chars)")]
        public static partial void CommandRefused(ILogger logger, string identity, int length);

        [LoggerMessage(EventId = 3302, Level = LogLevel.Information, Message = "SSH {Service} by {Identity} to {ProjectKey}/{Repository} refused: {Kind}")]
        public static partial void AccessRefused(ILogger logger, string identity, string service, string projectKey, string repository, string kind);

        [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "{Service} over SSH for repository {RepositoryId} exited with {ExitCode}: {StandardError}")]
        public static partial void GitFailed(ILogger logger, long repositoryId, string service, int exitCode, string standardError);

        [LoggerMessage(EventId = 3305, Level = LogLevel.Warning,
            Message = "SSH fetch from repository {RepositoryId} refused: {Running} pack generations running, {Waiting} waiting")]
        public static partial void Busy(ILogger logger, long repositoryId, int running, int waiting);

        [LoggerMessage(EventId = 3304, Level = LogLevel.Debug, Message = "{Service} over SSH for {ProjectKey}/{Repository} ended: the client disconnected")]
        public static partial void ClientGone(ILogger logger, string projectKey, string repository, string service);
    }
}
