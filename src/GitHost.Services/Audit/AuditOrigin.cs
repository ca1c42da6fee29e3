using GitHost.Core.Security;

namespace GitHost.Services.Audit;

/// <summary>
/// Who acted, with which credential, from where and through which door. <see cref="Credential"/>
/// is one of <see cref="Credentials"/>; <see cref="CredentialId"/> is the token or access key id.
/// </summary>
public sealed record AuditOrigin(
    long? UserId, string? UserName, string? Credential, long? CredentialId, string? SourceIp, string Method)
{
    public const string RestMethod = "REST";
    public const string BrowserMethod = "Browser";
    public const string GitHttpMethod = "Git HTTP";
    public const string SshMethod = "SSH";
    public const string SystemMethod = "System";

    /// <summary>Work no request asked for (startup, background jobs).</summary>
    public static AuditOrigin System { get; } = new(null, null, null, null, null, SystemMethod);

    /// <summary>
    /// The origin of a request by <paramref name="principal"/>. A token or access key is recognised
    /// from the principal; <paramref name="userCredential"/> says how a plain user signed in.
    /// </summary>
    public static AuditOrigin For(Principal principal, string? userCredential, string? sourceIp, string method)
    {
        if (principal.Token is { } token)
        {
            var accessKey = principal.UserId is null && principal.UserName?.StartsWith("access-key-", StringComparison.Ordinal) == true;
            return new AuditOrigin(principal.UserId, principal.UserName, accessKey ? Credentials.AccessKey : Credentials.Token, token.TokenId, sourceIp, method);
        }

        return principal.IsAuthenticated
            ? new AuditOrigin(principal.UserId, principal.UserName, userCredential, null, sourceIp, method)
            : new AuditOrigin(null, null, null, null, sourceIp, method);
    }

    /// <summary>What a push causes is the pusher's doing, from the pusher's address, through the push's door.</summary>
    public static AuditOrigin ForPush(Git.PushSession push)
    {
        var ssh = push.Protocol == "ssh";
        return For(push.Principal, ssh ? Credentials.SshKey : Credentials.Password, push.RemoteAddress, ssh ? SshMethod : GitHttpMethod);
    }

    public static class Credentials
    {
        public const string Password = "PASSWORD";
        public const string Session = "SESSION";
        public const string Token = "TOKEN";
        public const string SshKey = "SSH_KEY";
        public const string AccessKey = "ACCESS_KEY";
    }
}
