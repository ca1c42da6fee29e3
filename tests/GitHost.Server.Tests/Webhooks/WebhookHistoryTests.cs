using GitHost.Testing.Webhooks;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GitHost.Data;
using GitHost.Server.Tests.PullRequests;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace GitHost.Server.Tests.Webhooks;

/// <summary>The per-attempt history over REST: every retry kept, errors classified, statistics counting attempts, hostile queries refused.</summary>
public sealed class WebhookHistoryTests(WebhookServers servers) : IClassFixture<WebhookServers>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Every_attempt_of_a_delivery_is_kept_with_what_was_sent_and_answered(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var repo = await PullRequestRepo.CreateAsync(server, "WY" + provider.ToString()[..2].ToUpperInvariant(), "history", Ct);
        using var admin = server.AdminClient();
        var created = await (await admin.PostAsJsonAsync(repo.Api + "/webhooks", new
        {
            name = "retried", url = receiver.Url.ToString(), events = new[] { "repo:refs_changed" },
            configuration = new { secret = "s3cr3t" }, credentials = new { username = "ci", password = "hunter2-password" },
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var hookPath = repo.Api + "/webhooks/" + created.GetProperty("id").GetInt64();
        receiver.FailFirst = 2;

        await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "retried", startPoint = repo.MainHead }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var sent = new[] { await receiver.NextAsync(Wait, Ct), await receiver.NextAsync(Wait, Ct), await receiver.NextAsync(Wait, Ct) };
        var delivery = await WaitForDeliveryAsync(admin, hookPath, "DELIVERED");
        var deliveryId = delivery.GetProperty("id").GetInt64();
        var attempts = await (await admin.GetAsync($"{hookPath}/deliveries/{deliveryId}/attempts", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var one = await (await admin.GetAsync($"{hookPath}/deliveries/{deliveryId}", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var failures = await (await admin.GetAsync(hookPath + "/attempts?outcome=FAILURE&limit=1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var all = await (await admin.GetAsync(hookPath + "/attempts", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var latest = await (await admin.GetAsync(hookPath + "/latest", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var statistics = await (await admin.GetAsync(hookPath + "/statistics", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var summary = await (await admin.GetAsync(hookPath + "/statistics/summary", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var values = attempts.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], values.Select(v => v.GetProperty("attempt").GetInt32()));
        Assert.Equal([503, 503, 200], values.Select(v => v.GetProperty("result").GetProperty("statusCode").GetInt32()));
        Assert.Equal(["FAILURE", "FAILURE", "SUCCESS"], values.Select(v => v.GetProperty("result").GetProperty("outcome").GetString()));
        // Backoff with equal jitter (the test servers start at 50 ms): each retry waits at least half its doubling step.
        Assert.True(values[1].GetProperty("start").GetInt64() - values[0].GetProperty("finish").GetInt64() >= 25, "the second attempt came too soon");
        Assert.True(values[2].GetProperty("start").GetInt64() - values[1].GetProperty("finish").GetInt64() >= 50, "the third attempt came too soon");
        Assert.All(values, v => Assert.Equal(deliveryId, v.GetProperty("deliveryId").GetInt64()));
        Assert.All(values, v => Assert.True(v.GetProperty("duration").GetInt64() >= 0 && v.GetProperty("finish").GetInt64() >= v.GetProperty("start").GetInt64()));
        Assert.All(values, v => Assert.True(v.GetProperty("result").GetProperty("body").GetString()!.Length <= 16 * 1024));
        var request = values[2].GetProperty("request");
        var headers = request.GetProperty("headers");
        Assert.Equal(receiver.Url.ToString(), request.GetProperty("url").GetString());
        Assert.Equal(sent[2].Headers["X-Request-Id"], headers.GetProperty("X-Request-Id").GetString());
        Assert.Equal(sent[2].Headers["X-Hub-Signature"], headers.GetProperty("X-Hub-Signature").GetString());
        Assert.Equal("Basic <redacted>", headers.GetProperty("Authorization").GetString());
        Assert.DoesNotContain("hunter2", attempts.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", attempts.ToString(), StringComparison.Ordinal);
        Assert.Equal(sent[2].Body, request.GetProperty("body").GetString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(sent[2].Body), request.GetProperty("bodySize").GetInt32());
        Assert.Equal("DELIVERED", one.GetProperty("state").GetString());
        Assert.Equal(3, one.GetProperty("attempts").GetInt32());
        Assert.Equal(values[1].GetProperty("id").GetInt64(), Assert.Single(failures.GetProperty("values").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.False(failures.GetProperty("isLastPage").GetBoolean());
        Assert.Equal(values.Select(v => v.GetProperty("id").GetInt64()).Reverse(), all.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("id").GetInt64()));
        Assert.Equal(values[2].GetProperty("id").GetInt64(), latest.GetProperty("id").GetInt64());
        var counts = statistics.GetProperty("counts");
        Assert.Equal((1, 2, 0, 0), (counts.GetProperty("successes").GetInt32(), counts.GetProperty("failures").GetInt32(), counts.GetProperty("errors").GetInt32(), counts.GetProperty("pending").GetInt32()));
        Assert.Equal(values[1].GetProperty("id").GetInt64(), statistics.GetProperty("lastFailure").GetProperty("id").GetInt64());
        Assert.Equal(counts.ToString(), summary.GetProperty("counts").ToString());
        Assert.Equal(values[2].GetProperty("finish").GetInt64(), summary.GetProperty("lastSuccessDate").GetInt64());
    }

    [Theory]
    [AllDatabases]
    public async Task An_unreachable_receiver_is_recorded_as_an_error_with_its_kind_and_a_redelivery_names_its_original(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var repo = await PullRequestRepo.CreateAsync(server, "WZ" + provider.ToString()[..2].ToUpperInvariant(), "refused", Ct);
        using var admin = server.AdminClient();
        var hook = await WebhookDeliveryTests.CreateHookAsync(admin, repo.Api + "/webhooks", new Uri($"http://127.0.0.1:{ClosedPort()}/hook"), ["repo:refs_changed"], Ct);
        var hookPath = repo.Api + "/webhooks/" + hook.GetProperty("id").GetInt64();

        await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "nobody-listens", startPoint = repo.MainHead }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var dead = await WaitForDeliveryAsync(admin, hookPath, "DEAD_LETTER");
        var deadId = dead.GetProperty("id").GetInt64();
        var attempts = await (await admin.GetAsync($"{hookPath}/deliveries/{deadId}/attempts", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var errors = await (await admin.GetAsync(hookPath + "/latest?outcome=ERROR", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var statistics = await (await admin.GetAsync(hookPath + "/statistics?event=repo:refs_changed", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        using var noSuccess = await admin.GetAsync(hookPath + "/latest?outcome=SUCCESS", Ct);
        var copy = await (await admin.PostAsync($"{hookPath}/deliveries/{deadId}/redeliver", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var values = attempts.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(6, values.Count);
        Assert.All(values, v => Assert.Equal("CONNECTION_REFUSED", v.GetProperty("result").GetProperty("errorKind").GetString()));
        Assert.All(values, v => Assert.Equal("ERROR", v.GetProperty("result").GetProperty("outcome").GetString()));
        Assert.All(values, v => Assert.False(v.GetProperty("result").TryGetProperty("statusCode", out var code) && code.ValueKind != JsonValueKind.Null));
        Assert.False(string.IsNullOrEmpty(values[0].GetProperty("result").GetProperty("description").GetString()));
        Assert.Equal(values[5].GetProperty("id").GetInt64(), errors.GetProperty("id").GetInt64());
        Assert.Equal(6, statistics.GetProperty("counts").GetProperty("errors").GetInt32());
        Assert.Equal(1, statistics.GetProperty("counts").GetProperty("deadLetters").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, noSuccess.StatusCode);
        Assert.Equal(deadId, copy.GetProperty("redeliveryOf").GetInt64());
        Assert.NotEqual(deadId, copy.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_receiver_whose_certificate_nobody_trusts_is_reached_only_by_hooks_that_turn_verification_off()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var certificate = SelfSignedCertificate();
        await using var receiver = await WebhookReceiver.StartAsync(Ct, certificate);
        using var repo = await PullRequestRepo.CreateAsync(server, "WTLS", "tls", Ct);
        using var admin = server.AdminClient();
        var hooks = repo.Api + "/webhooks";
        var url = Uri.EscapeDataString(receiver.Url.ToString());
        var verifying = await WebhookDeliveryTests.CreateHookAsync(admin, hooks, receiver.Url, ["repo:refs_changed"], Ct, name: "verifying");
        var trusting = await (await admin.PostAsJsonAsync(hooks, new
        {
            name = "trusting", url = receiver.Url.ToString(), events = new[] { "repo:refs_changed" }, active = true, sslVerificationRequired = false,
        }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var refusedPing = await (await admin.PostAsync($"{hooks}/test?url={url}", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var acceptedPing = await (await admin.PostAsync($"{hooks}/test?url={url}&sslVerificationRequired=false", null, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var ping = await receiver.NextAsync(Wait, Ct);
        await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "over-tls", startPoint = repo.MainHead }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var pushed = await receiver.NextAsync(Wait, Ct);
        var verifyingPath = hooks + "/" + verifying.GetProperty("id").GetInt64();
        var dead = await WaitForDeliveryAsync(admin, verifyingPath, "DEAD_LETTER");
        var attempts = await (await admin.GetAsync($"{verifyingPath}/deliveries/{dead.GetProperty("id").GetInt64()}/attempts", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var delivered = await WaitForDeliveryAsync(admin, hooks + "/" + trusting.GetProperty("id").GetInt64(), "DELIVERED");

        Assert.Equal("ERROR", refusedPing.GetProperty("result").GetProperty("outcome").GetString());
        Assert.False(refusedPing.GetProperty("result").TryGetProperty("status", out var status) && status.ValueKind != JsonValueKind.Null);
        Assert.Equal("SUCCESS", acceptedPing.GetProperty("result").GetProperty("outcome").GetString());
        Assert.Equal("diagnostics:ping", ping.EventKey);
        Assert.Equal("repo:refs_changed", pushed.EventKey);
        Assert.Equal("refs/heads/over-tls", pushed.Json.GetProperty("changes")[0].GetProperty("refId").GetString());
        Assert.All(attempts.GetProperty("values").EnumerateArray(), a => Assert.Equal("TLS", a.GetProperty("result").GetProperty("errorKind").GetString()));
        Assert.Equal("DELIVERED", delivered.GetProperty("state").GetString());
        // Only the two that skipped verification got through: the handshakes that failed sent nothing.
        Assert.False(receiver.Received.TryRead(out _));
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Kestrel needs the key in a form the platform's TLS can use: a round trip through PKCS#12 gives it that.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public static TheoryData<string, HttpStatusCode> BadQueries => new()
    {
        { "/attempts?outcome=MAYBE", HttpStatusCode.BadRequest },
        { "/attempts?outcome=" + new string('x', 5000), HttpStatusCode.BadRequest },
        { "/latest?outcome=%27%20OR%201=1--", HttpStatusCode.BadRequest },
        { "/attempts?limit=0", HttpStatusCode.BadRequest },
        { "/attempts?start=-1", HttpStatusCode.BadRequest },
        { "/attempts?limit=abc", HttpStatusCode.BadRequest },
        { "/deliveries/1/attempts?limit=-5", HttpStatusCode.BadRequest },
        { "/deliveries?state=GONE", HttpStatusCode.BadRequest },
        { "/deliveries/999999999", HttpStatusCode.NotFound },
        { "/deliveries/999999999/attempts", HttpStatusCode.NotFound },
        { "/deliveries/-1/attempts", HttpStatusCode.NotFound },
        { "/deliveries/abc/attempts", HttpStatusCode.NotFound },
        { "/deliveries/99999999999999999999999/attempts", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_history_queries_are_refused(string suffix, HttpStatusCode expected)
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var key = "WQ";
        if (await server.WithDatabaseAsync(db => Task.FromResult(!db.Projects.Any(p => p.Key == key))))
        {
            await server.CreateRepositoryAsync(key, "bad", Ct);
        }

        using var admin = server.AdminClient();
        var hooks = $"/rest/api/1.0/projects/{key}/repos/bad/webhooks";
        var list = await (await admin.GetAsync(hooks, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var id = list.GetProperty("size").GetInt32() > 0
            ? list.GetProperty("values")[0].GetProperty("id").GetInt64()
            : (await WebhookDeliveryTests.CreateHookAsync(admin, hooks, new Uri("https://ci.example.invalid/"), ["pr:deleted"], Ct)).GetProperty("id").GetInt64();

        using var response = await admin.GetAsync($"{hooks}/{id}{suffix}", Ct);

        Assert.True(response.StatusCode == expected, $"{suffix}: {response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        Assert.Contains("\"errors\"", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_of_another_hook_is_not_found_under_this_one()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var repo = await PullRequestRepo.CreateAsync(server, "WO", "other", Ct);
        using var admin = server.AdminClient();
        var mine = await WebhookDeliveryTests.CreateHookAsync(admin, repo.Api + "/webhooks", receiver.Url, ["repo:refs_changed"], Ct, name: "mine");
        var theirs = await WebhookDeliveryTests.CreateHookAsync(admin, repo.Api + "/webhooks", new Uri("https://ci.example.invalid/"), ["pr:deleted"], Ct, name: "theirs");
        await (await admin.PostAsJsonAsync(repo.Api + "/branches", new { name = "mine", startPoint = repo.MainHead }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await receiver.NextAsync(Wait, Ct);
        var delivery = await WaitForDeliveryAsync(admin, repo.Api + "/webhooks/" + mine.GetProperty("id").GetInt64(), "DELIVERED");
        var theirPath = repo.Api + "/webhooks/" + theirs.GetProperty("id").GetInt64() + "/deliveries/" + delivery.GetProperty("id").GetInt64();

        using var one = await admin.GetAsync(theirPath, Ct);
        using var attempts = await admin.GetAsync(theirPath + "/attempts", Ct);
        using var redeliver = await admin.PostAsync(theirPath + "/redeliver", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, attempts.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, redeliver.StatusCode);
    }

    /// <summary>The hook's newest delivery once it reaches <paramref name="state"/> (its attempt is recorded just after the receiver answers).</summary>
    private static async Task<JsonElement> WaitForDeliveryAsync(HttpClient admin, string hookPath, string state)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(Wait);
        while (true)
        {
            var page = await (await admin.GetAsync(hookPath + "/deliveries?limit=1&state=" + state, limit.Token)).ExpectAsync(HttpStatusCode.OK, limit.Token);
            if (page.GetProperty("size").GetInt32() == 1)
            {
                return page.GetProperty("values")[0];
            }

            // Polls a condition with a deadline; the wait only spaces out the queries.
            await Task.Delay(50, limit.Token);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
