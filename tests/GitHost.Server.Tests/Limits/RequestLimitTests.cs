using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GitHost.Data;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Limits;

/// <summary>REST bodies are capped at GitHost:MaxRestBodyBytes (1 MiB); headers and URLs by Kestrel's limits in appsettings.json.</summary>
public sealed class RequestLimitTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private const int OverOneMebibyte = 1024 * 1024 + 4096;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rest_body_over_the_limit_with_content_length_is_413_with_envelope()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        // The client waits for the server's answer to "Expect: 100-continue" instead of sending the body
        // after HttpClient's default 1 s; on a busy machine the 413 can come later than that, and a body
        // already on its way then meets a closed connection.
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) };
        using var admin = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        using (var credentials = server.AdminClient())
        {
            admin.DefaultRequestHeaders.Authorization = credentials.DefaultRequestHeaders.Authorization;
        }
        using var content = new StringContent(LargeProjectJson(), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/rest/api/1.0/projects") { Content = content };
        request.Headers.ExpectContinue = true;

        var response = await admin.SendAsync(request, Ct);

        Assert.Equal(OverOneMebibyte, content.Headers.ContentLength ?? 0, tolerance: 200);
        var error = await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge, Ct);
        Assert.Equal("com.atlassian.bitbucket.RequestTooLargeException", error.ExceptionName());
    }

    [Fact]
    public async Task Rest_body_over_the_limit_sent_chunked_is_413_with_envelope()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        using var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(LargeProjectJson())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/rest/api/1.0/projects") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await admin.SendAsync(request, Ct);

        var error = await response.ExpectAsync(HttpStatusCode.RequestEntityTooLarge, Ct);
        Assert.Equal("com.atlassian.bitbucket.RequestTooLargeException", error.ExceptionName());
    }

    [Fact]
    public async Task Rest_body_under_the_limit_is_accepted()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        var description = new string('d', 2000);
        using var content = new StringContent($$"""{"key":"UNDERLIMIT","name":"Under limit","description":"{{description}}","padding":"{{new string('p', 900_000)}}"}""", Encoding.UTF8, "application/json");

        var response = await admin.PostAsync("/rest/api/1.0/projects", content, Ct);

        await response.ExpectAsync(HttpStatusCode.Created, Ct);
    }

    [Fact]
    public async Task Oversized_headers_are_refused_with_431()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.Add("X-Padding", new string('h', 70_000));

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Overlong_url_is_refused_with_414()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var client = server.Client();

        var response = await client.GetAsync("/rest/api/1.0/projects?name=" + new string('u', 20_000), Ct);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    private static string LargeProjectJson() =>
        $$"""{"key":"TOOBIG","name":"Too big","description":"{{new string('x', OverOneMebibyte - 60)}}"}""";

    /// <summary>A stream whose length HttpClient cannot learn, so it must send the body chunked.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
