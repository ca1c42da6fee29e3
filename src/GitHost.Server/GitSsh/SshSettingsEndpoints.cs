using GitHost.Core.Failures;
using GitHost.Server.Auth;
using GitHost.Server.Rest;

namespace GitHost.Server.GitSsh;

/// <summary>
/// <c>GET /rest/ssh/1.0/settings</c>: whether Git over SSH is on, its port and URL prefix, and the
/// host key fingerprint users compare with what <c>ssh</c> shows on first connect (the ed25519 key,
/// which every current OpenSSH prefers), plus every host key in <c>hostKeys</c>. Any signed-in
/// user may read it; anonymous callers get 401.
/// </summary>
internal static class SshSettingsEndpoints
{
    public static RouteGroupBuilder MapSshSettingsEndpoints(this RouteGroupBuilder ssh)
    {
        ssh.MapGet("/settings", (HttpContext http, GitSshEndpoint endpoint, LinkBuilder links) =>
        {
            if (!http.GetPrincipal().IsAuthenticated)
            {
                throw GitHostException.AuthenticationRequired();
            }

            if (!endpoint.Enabled)
            {
                return new RestSshSettings(false, null, null, false, null, null);
            }

            var hostKey = endpoint.HostKeys.FirstOrDefault(k => k.Algorithm == "ssh-ed25519") ?? endpoint.HostKeys.FirstOrDefault();
            return new RestSshSettings(
                true, endpoint.Port, endpoint.UrlPrefix(new Uri(links.BaseUrl)), AccessKeysEnabled: true,
                hostKey is null ? null : new RestSshKeyFingerprint(hostKey.Algorithm, hostKey.Fingerprint),
                [.. endpoint.HostKeys.Select(k => new RestSshHostKey(k.Algorithm, k.Fingerprint, k.PublicKey))]);
        });
        return ssh;
    }
}
