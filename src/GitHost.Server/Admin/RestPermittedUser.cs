using GitHost.Server.Rest;

namespace GitHost.Server.Admin;

/// <summary>A user and their global permission, as <c>/admin/permissions/users</c> lists them.</summary>
public sealed record RestPermittedUser(RestUser User, string Permission);
