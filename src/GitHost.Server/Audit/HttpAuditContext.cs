using GitHost.Git.Hooks;
using GitHost.Server.Auth;
using GitHost.Services.Audit;
using GitHost.Services.Git;

namespace GitHost.Server.Audit;

/// <summary>
/// The audit origin of the current HTTP request: its principal and credential, the client address
/// (already the forwarded one when the peer is a trusted proxy), and the door. A hook callback acts
/// for the push it belongs to, so what a push causes is recorded against the pusher and the
/// pusher's address, not against the loopback hook call.
/// </summary>
internal sealed class HttpAuditContext(IHttpContextAccessor accessor, PushSessions pushes) : IAuditContext
{
    public AuditOrigin Current => accessor.HttpContext is { } http ? From(http) : AuditOrigin.System;

    private AuditOrigin From(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/internal/hooks")
            && pushes.Find(http.Request.Headers[HookInstallation.PushIdHeader]) is { } push)
        {
            return AuditOrigin.ForPush(push);
        }

        var cookie = http.User.Identity?.AuthenticationType == AuthSchemes.Cookie;
        var method = http.Request.Path.StartsWithSegments("/scm") ? AuditOrigin.GitHttpMethod
            : cookie || http.Request.Path.StartsWithSegments("/j_atl_security_check") ? AuditOrigin.BrowserMethod
            : AuditOrigin.RestMethod;
        return AuditOrigin.For(http.GetPrincipal(), cookie ? AuditOrigin.Credentials.Session : AuditOrigin.Credentials.Password,
            http.Connection.RemoteIpAddress?.ToString(), method);
    }
}
