using GitHost.Server.Rest;

namespace GitHost.Server.SshKeys;

/// <summary>Bitbucket's <c>RestSshAccessKey</c>: the key, its permission, and the project or repository it is on.</summary>
public sealed record RestSshAccessKey(RestSshKey Key, string Permission, RestProject? Project = null, RestRepository? Repository = null);
