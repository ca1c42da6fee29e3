using GitHost.Data;
using GitHost.Server.Discovery;
using GitHost.Server.GitSsh;
using GitHost.Server.Hosting;
using GitHost.Server.Rest;
using GitHost.Web.Admin;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Web;

/// <summary>The server information page's facts, from the same sources as the startup banner and <c>/rest/ssh/1.0/settings</c>.</summary>
internal sealed class ServerFacts(IOptions<DatabaseOptions> database, DataHome home, GitSshEndpoint ssh, LinkBuilder links) : IServerFacts
{
    public IReadOnlyList<ServerFact> Describe()
    {
        var facts = new List<ServerFact>
        {
            new("Version", typeof(ServerFacts).Assembly.GetName().Version?.ToString() ?? "unknown"),
            new("Bitbucket Data Center API", SystemEndpoints.CompatibleVersion),
            new("Base URL", links.BaseUrl),
            new("Database", database.Value.Provider.ToString()),
            new("Data home", home.Path),
            new("Git over SSH", ssh.UrlPrefix(new Uri(links.BaseUrl)) ?? "off"),
        };
        facts.AddRange(ssh.HostKeys.Select(k => new ServerFact("SSH host key " + k.Algorithm, k.Fingerprint)));
        return facts;
    }
}
