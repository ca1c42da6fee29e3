using GitHost.Data.SshKeys;

namespace GitHost.Services.Ssh;

/// <summary>An access key as seen from one project or repository: the key and its grant there.</summary>
public sealed record AccessKeyView(SshKeyEntity Key, AccessKeyGrantEntity Grant);
