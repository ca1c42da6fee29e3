using System.Net;
using GitHost.Data;
using GitHost.Server.Tests.GitHttp;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Builds;

/// <summary>Build capabilities, found the way Atlassian's Jenkins plugin finds them: through <c>/rest/capabilities</c>.</summary>
public sealed class BuildCapabilityTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_capabilities_link_leads_to_rich_and_cancelled_build_statuses()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var anonymous = server.Client();

        var capabilities = await (await anonymous.GetAsync("/rest/capabilities", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var link = new Uri(capabilities.GetProperty("capabilities").GetProperty("build").GetString()!);
        var build = await (await anonymous.GetAsync(link.PathAndQuery, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        Assert.Equal("/rest/api/latest/build/capabilities", link.AbsolutePath);
        Assert.Equal(["richBuildStatus", "cancelledStatus"], build.GetProperty("buildStatus").EnumerateArray().Select(v => v.GetString()!));
    }
}
