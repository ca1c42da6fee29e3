using GitHost.Core.Permissions;

namespace GitHost.Core.Security;

/// <summary>
/// Who is asking. Anonymous callers have no <see cref="UserId"/>. A caller authenticated with an
/// access token also carries the token's <see cref="TokenLimits"/>, which cap what the user could
/// otherwise do.
/// </summary>
public sealed record Principal(long? UserId, string? UserName, TokenLimits? Token = null)
{
    public static readonly Principal Anonymous = new(null, null);

    public bool IsAuthenticated => UserId is not null || Token is not null;
}
