using GitHost.Git.Commands;
using GitHost.Git.Hooks;
using GitHost.Git.Transport;

namespace GitHost.Services.Git;

/// <summary>
/// Builds the git process every door runs for a client: <c>upload-pack</c> with partial clone allowed,
/// <c>receive-pack</c> with GitHost's hooks (<c>-c core.hooksPath</c>) and a live <see cref="PushSession"/>
/// they call back with, <c>upload-archive</c>, and the client's sanitized <c>GIT_PROTOCOL</c> (v2).
/// <code>
/// using var run = transport.Prepare(new GitTransportRequest(GitService.ReceivePack, "ssh", false, false, principal, id, path, protocol, remote, baseUrl));
/// var result = await run.Command.RunConversationAsync(stdin, stdout, ct);   // the session ends with the lease
/// </code>
/// </summary>
public sealed class GitTransportCommands(GitCommandRunner git, HookInstallation hooks, PushSessions sessions)
{
    public PreparedGitCommand Prepare(GitTransportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var command = git.Command(request.Service.Subcommand());
        if (request.StatelessRpc)
        {
            command.Option("--stateless-rpc");
        }

        if (request.AdvertiseOnly)
        {
            command.Option("--advertise-refs");
        }

        PushSessions.Lease? push = null;
        if (request.Service == GitService.UploadPack)
        {
            // Partial clone (--filter=blob:none) is off in git by default; a server built for big repositories wants it.
            command.Config("uploadpack.allowFilter", "true");
            // A partial clone fetches the blobs it lacks by id later. Protocol v2 accepts any id; a v0 client
            // would be refused ("unadvertised object") without this, so both versions answer alike.
            command.Config("uploadpack.allowAnySHA1InWant", "true");
            // A replace ref copied in with a repository would be applied by every client that fetches it;
            // hidden, it is neither advertised nor fetchable. (Not transfer.hideRefs: pushes must still delete it.)
            command.Config("uploadpack.hideRefs", "refs/replace/");
        }
        else if (request.Service.Writes() && !request.AdvertiseOnly)
        {
            var port = hooks.CallbackPort is > 0 and var bound
                ? bound
                : throw new InvalidOperationException("The hook listener is not bound yet; pushes cannot be checked.");
            push = sessions.Open(request.Principal, request.RepositoryId, request.Door, request.RemoteAddress, request.BaseUrl);
            // Housekeeping repacks in the background; git's own "gc --auto" would run inside the
            // push and keep the client waiting for it.
            command.Config("core.hooksPath", hooks.HooksDirectory)
                .Config("receive.autogc", "false")
                .Environment(HookInstallation.PushIdVariable, push.Session.Id)
                .Environment(HookInstallation.PortVariable, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (GitProtocolHeader.Sanitize(request.GitProtocol) is { } protocol)
        {
            command.Environment("GIT_PROTOCOL", protocol);
        }

        return new PreparedGitCommand(command.Value(request.RepositoryPath), push);
    }
}
