using GitHost.Core.Security;

namespace GitHost.Server.Auth;

/// <summary>A credential that checked out, as cached: who it is and what limits its token carries.</summary>
internal sealed record VerifiedCredential(Principal Principal, long Generation);
