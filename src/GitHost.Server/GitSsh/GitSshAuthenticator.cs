using GitHost.Services.Ssh;
using GitHost.Ssh;
using GitHost.Ssh.Auth;

namespace GitHost.Server.GitSsh;

/// <summary>
/// Maps an offered public key to a GitHost user or access key through <see cref="SshKeyAuthentication"/>
/// (expired keys, keys of inactive or locked users and deleted keys are nobody). The SSH user name is
/// ignored, as in Bitbucket: clients use <c>git</c>. Asked on every connection, so a key deleted
/// through REST is refused from the next connection on. Sign-ins are audited only when the SSH server
/// tells of their outcome (<see cref="SshSignInAudit"/>), never from the key lookups, which it makes twice.
/// </summary>
internal sealed class GitSshAuthenticator(IServiceScopeFactory scopes) : ISshAuthenticator
{
    public async Task<SshIdentity?> AuthenticateAsync(string userName, SshPublicKey key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<SshKeyAuthentication>();
        return await keys.IdentifyAsync(key.Blob.ToArray(), cancellationToken) is { } identity ? new GitSshIdentity(identity) : null;
    }

    public async Task SignedInAsync(SshIdentity identity, SshPublicKey key, CancellationToken cancellationToken)
    {
        if (identity is not GitSshIdentity caller)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SshSignInAudit>().RecordSucceededAsync(caller.Key, caller.ClientAddress, cancellationToken);
    }

    public async Task SignInFailedAsync(SshSignInFailure failure, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SshSignInAudit>().RecordFailedAsync(
            failure.UserName, failure.Fingerprints, failure.KeysOffered, failure.ClientAddress, cancellationToken);
    }
}
