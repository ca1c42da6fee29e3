using GitHost.Testing.Webhooks;
using System.Net;
using System.Net.Http.Json;
using GitHost.Testing;
using Xunit;

namespace GitHost.Server.Tests.Webhooks;

/// <summary>The server process killed (SIGKILL) while a delivery is in flight: after a restart on the same data home every event still arrives, in order.</summary>
public sealed class WebhookServerKillTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["GitHost__Webhooks__AllowLoopback"] = "true",
        ["GitHost__Webhooks__InitialBackoff"] = "00:00:00.050",
        ["GitHost__Webhooks__MaxBackoff"] = "00:00:00.300",
        ["GitHost__Webhooks__PollInterval"] = "00:00:00.500",
    };

    [Fact]
    public async Task A_server_killed_mid_delivery_loses_no_event()
    {
        var home = GitHostProcess.CreateHome();
        try
        {
            await using var receiver = await WebhookReceiver.StartAsync(Ct);
            var held = new TaskCompletionSource();
            receiver.Gate = held;
            var first = await GitHostProcess.StartAsync(home, Ct, Settings);
            string inFlight;
            await using (first)
            {
                using var admin = first.AdminClient();
                await (await admin.PostAsJsonAsync("/rest/api/1.0/projects", new { key = "WK", name = "Kill" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
                await (await admin.PostAsJsonAsync("/rest/api/1.0/projects/WK/repos", new { name = "kill" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
                await WebhookDeliveryTests.CreateHookAsync(admin, "/rest/api/1.0/projects/WK/repos/kill/webhooks", receiver.Url, ["repo:modified"], Ct);
                foreach (var description in new[] { "d1", "d2", "d3" })
                {
                    await (await admin.PutAsJsonAsync("/rest/api/1.0/projects/WK/repos/kill", new { description }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
                }

                // The first delivery reached the receiver, which holds its answer: kill the server now.
                inFlight = (await receiver.NextAsync(Wait, Ct)).Headers["X-Request-Id"];
                await first.KillAsync(Ct);
            }

            receiver.Gate = null;
            held.TrySetResult();
            await using var second = await GitHostProcess.StartAsync(home, Ct, Settings);
            var delivered = new List<ReceivedWebhook>();
            while (delivered.Count < 3)
            {
                delivered.Add(await receiver.NextAsync(Wait, Ct, "deliveries after the restart"));
            }

            Assert.Equal(inFlight, delivered[0].Headers["X-Request-Id"]);
            Assert.Equal(3, delivered.Select(d => d.Headers["X-Request-Id"]).Distinct().Count());
            Assert.Equal(["d1", "d2", "d3"], delivered.Select(d => d.Json.GetProperty("new").GetProperty("description").GetString()));
        }
        finally
        {
            try
            {
                Directory.Delete(home, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
