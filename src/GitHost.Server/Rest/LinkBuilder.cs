using GitHost.Core.Security;
using GitHost.Server.Hosting;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Rest;

/// <summary>
/// Builds the absolute URLs in REST payloads from <c>GitHost:BaseUrl</c>, or from the request when
/// no base URL is configured.
/// </summary>
internal sealed class LinkBuilder(IHttpContextAccessor accessor, IOptions<ServerOptions> options)
{
    public string BaseUrl
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Value.BaseUrl))
            {
                return options.Value.BaseUrl.TrimEnd('/');
            }

            var request = accessor.HttpContext?.Request;
            return request is null ? "http://localhost:7990" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        }
    }

    public RestLinks Self(string relative) => new([new RestLink(BaseUrl + relative)]);

    public RestLinks Repository(string projectKey, string slug, Principal viewer)
    {
        var baseUri = new Uri(BaseUrl);
        var httpBuilder = new UriBuilder(baseUri) { Path = baseUri.AbsolutePath.TrimEnd('/') + $"/scm/{projectKey.ToLowerInvariant()}/{slug}.git" };
        if (viewer.UserId is not null && viewer.UserName is not null)
        {
            httpBuilder.UserName = Uri.EscapeDataString(viewer.UserName);
        }

        var clone = new List<RestLink> { new(httpBuilder.Uri.ToString(), "http") };
        if (options.Value.SshEnabled)
        {
            var sshHost = options.Value.SshHost ?? baseUri.Host;
            clone.Insert(0, new RestLink($"ssh://git@{sshHost}:{options.Value.SshPort}/{projectKey.ToLowerInvariant()}/{slug}.git", "ssh"));
        }

        // Personal repositories browse under their owner, as in Bitbucket: /users/jdoe/repos/x/browse.
        var browse = projectKey.StartsWith('~')
            ? $"{BaseUrl}/users/{projectKey[1..].ToLowerInvariant()}/repos/{slug}/browse"
            : $"{BaseUrl}/projects/{projectKey}/repos/{slug}/browse";
        return new RestLinks([new RestLink(browse)], clone);
    }
}
