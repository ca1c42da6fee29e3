using GitHost.Core.Security;
using GitHost.Server.GitSsh;
using GitHost.Server.Hosting;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Rest;

/// <summary>
/// Builds the absolute URLs in REST payloads from <c>GitHost:BaseUrl</c>, or from the request when
/// no base URL is configured. Scoped to a request: the base URL and the clone URL prefixes are worked
/// out once and reused for every item of a page.
/// </summary>
internal sealed class LinkBuilder(IHttpContextAccessor accessor, IOptions<ServerOptions> options, GitSshEndpoint ssh)
{
    private string? _baseUrl;
    private (string? UserName, string HttpPrefix, string? SshPrefix)? _clonePrefixes;

    public string BaseUrl => _baseUrl ??= ResolveBaseUrl();

    /// <summary>For work done later on behalf of a client (a push's hooks): links point where that client pointed.</summary>
    public void UseBaseUrl(string clientBaseUrl)
    {
        _baseUrl = clientBaseUrl.TrimEnd('/');
        _clonePrefixes = null;
    }

    public RestLinks Self(string relative) => new([new RestLink(BaseUrl + relative)]);

    public RestLinks Repository(string projectKey, string slug, Principal viewer)
    {
        var (httpPrefix, sshPrefix) = ClonePrefixes(viewer);
        var lowerKey = projectKey.ToLowerInvariant();
        var http = new RestLink($"{httpPrefix}/scm/{lowerKey}/{slug}.git", "http");
        IReadOnlyList<RestLink> clone = sshPrefix is null ? [http] : [new RestLink($"{sshPrefix}/{lowerKey}/{slug}.git", "ssh"), http];

        // Personal repositories browse under their owner, as in Bitbucket: /users/jdoe/repos/x/browse.
        var browse = projectKey.StartsWith('~')
            ? $"{BaseUrl}/users/{lowerKey[1..]}/repos/{slug}/browse"
            : $"{BaseUrl}/projects/{projectKey}/repos/{slug}/browse";
        return new RestLinks([new RestLink(browse)], clone);
    }

    private string ResolveBaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.BaseUrl))
        {
            return options.Value.BaseUrl.TrimEnd('/');
        }

        var request = accessor.HttpContext?.Request;
        return request is null ? "http://localhost:7990" : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    /// <summary>
    /// The http clone URL up to the path, with the viewer's user name when authenticated (Bitbucket
    /// embeds it: <c>http://jdoe@host/scm/...</c>), and the ssh prefix when SSH is enabled.
    /// </summary>
    private (string Http, string? Ssh) ClonePrefixes(Principal viewer)
    {
        var userName = viewer.UserId is not null ? viewer.UserName : null;
        if (_clonePrefixes is { } cached && cached.UserName == userName)
        {
            return (cached.HttpPrefix, cached.SshPrefix);
        }

        var baseUri = new Uri(BaseUrl);
        var builder = new UriBuilder(baseUri) { Path = baseUri.AbsolutePath.TrimEnd('/') };
        if (userName is not null)
        {
            builder.UserName = Uri.EscapeDataString(userName);
        }

        var httpPrefix = builder.Uri.ToString().TrimEnd('/');
        var sshPrefix = ssh.UrlPrefix(baseUri);
        _clonePrefixes = (userName, httpPrefix, sshPrefix);
        return (httpPrefix, sshPrefix);
    }
}
