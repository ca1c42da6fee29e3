namespace GitHost.Server.Auth;

internal static class AuthSchemes
{
    /// <summary>Picks <see cref="Api"/> when an Authorization header is present, else the cookie.</summary>
    public const string Selector = "GitHost";

    /// <summary>HTTP Basic (password or token) and Bearer tokens: REST clients and git.</summary>
    public const string Api = "GitHost.Api";

    /// <summary>The web UI's session cookie.</summary>
    public const string Cookie = "GitHost.Cookie";
}
