namespace GitHost.Server.SshKeys;

/// <summary>The body of <c>POST /rest/ssh/1.0/keys</c>, and the <c>key</c> of an access key.</summary>
public sealed record SshKeyRequest(string? Text, string? Label, int? ExpiryDays);

/// <summary>The body of <c>POST /rest/keys/1.0/.../ssh</c>.</summary>
public sealed record AccessKeyRequest(SshKeyRequest? Key, string? Permission);
