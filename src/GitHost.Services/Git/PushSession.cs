using GitHost.Core.Security;

namespace GitHost.Services.Git;

/// <summary>
/// One running <c>receive-pack</c>, as the hooks see it: who pushes, where, over which door. Exists
/// only while that receive-pack runs; its <see cref="Id"/> is the capability the hooks present.
/// </summary>
/// <param name="Protocol"><c>http</c> or <c>ssh</c>.</param>
/// <param name="BaseUrl">The public base URL the client used, for the links printed to it and put in events.</param>
public sealed record PushSession(string Id, Principal Principal, long RepositoryId, string Protocol, string? RemoteAddress, string BaseUrl);
