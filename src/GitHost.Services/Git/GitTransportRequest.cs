using GitHost.Core.Security;
using GitHost.Git.Transport;

namespace GitHost.Services.Git;

/// <summary>
/// One git service run as a door asks for it, after <see cref="GitRepositoryAccess"/> allowed it.
/// </summary>
/// <param name="Door"><c>http</c> or <c>ssh</c> (recorded on the push session and in logs).</param>
/// <param name="StatelessRpc">Smart HTTP's request/response mode; false for SSH's conversation.</param>
/// <param name="AdvertiseOnly">Smart HTTP's <c>info/refs</c>: the advertisement and nothing else.</param>
/// <param name="GitProtocol">The client's <c>Git-Protocol</c> header or <c>GIT_PROTOCOL</c> variable, unsanitized.</param>
/// <param name="BaseUrl">The public base URL, for the links printed to a pusher and put in events.</param>
public sealed record GitTransportRequest(
    GitService Service,
    string Door,
    bool StatelessRpc,
    bool AdvertiseOnly,
    Principal Principal,
    long RepositoryId,
    string RepositoryPath,
    string? GitProtocol,
    string? RemoteAddress,
    string BaseUrl);
