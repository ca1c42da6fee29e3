using System.Collections.Concurrent;
using System.Security.Cryptography;
using GitHost.Core.Security;

namespace GitHost.Services.Git;

/// <summary>
/// The live pushes of this node. A door opens a session before it starts receive-pack and disposes
/// it when receive-pack has exited; the hook callback accepts only ids found here. Ids are 256 random
/// bits, so the callback needs no other secret.
/// <code>
/// using var push = sessions.Open(principal, repositoryId, "http", remoteAddress, baseUrl);
/// command.Environment(HookInstallation.PushIdVariable, push.Session.Id);
/// </code>
/// </summary>
public sealed class PushSessions
{
    private readonly ConcurrentDictionary<string, PushSession> _live = new(StringComparer.Ordinal);

    public Lease Open(Principal principal, long repositoryId, string protocol, string? remoteAddress, string baseUrl)
    {
        var session = new PushSession(
            Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant(), principal, repositoryId, protocol, remoteAddress, baseUrl);
        _live[session.Id] = session;
        return new Lease(this, session);
    }

    public PushSession? Find(string? id) => id is { Length: 64 } && _live.TryGetValue(id, out var session) ? session : null;

    public int Count => _live.Count;

    public sealed class Lease(PushSessions owner, PushSession session) : IDisposable
    {
        public PushSession Session { get; } = session;

        public void Dispose() => owner._live.TryRemove(Session.Id, out _);
    }
}
