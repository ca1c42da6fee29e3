using GitHost.Core.Security;

namespace GitHost.Server.Auth;

/// <summary>
/// A credential that checked out, as cached: who it is, what limits its token carries, and when
/// the token expires (epoch ms), so a cached token stops at its expiry rather than when the cache
/// entry does.
/// </summary>
internal sealed record VerifiedCredential(Principal Principal, long Generation, long? ExpiresAt = null);
