using GitHost.Services.Ssh;
using GitHost.Ssh;

namespace GitHost.Server.GitSsh;

/// <summary>Who a verified SSH key is (a user or an access key), carried from authentication to the command.</summary>
internal sealed class GitSshIdentity(SshKeyIdentity key) : SshIdentity(key.User?.UserName ?? key.Name)
{
    public SshKeyIdentity Key { get; } = key;
}
