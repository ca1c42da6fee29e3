using GitHost.Core.Security;
using GitHost.Services.SignIn;

namespace GitHost.Server.Auth;

/// <summary>The answer to a password sign-in: the principal, or a refusal (wrong, or locked until a time).</summary>
internal sealed record PasswordCheck(Principal? Principal, SignInLock? Lock)
{
    public static readonly PasswordCheck Wrong = new(null, null);
}
