using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitHost.Testing.Webhooks;

/// <summary>
/// A real HTTP receiver on loopback (Kestrel). Every request lands in <see cref="Received"/>; while
/// <see cref="Status"/> is not 2xx it answers with it ("down"); <see cref="Gate"/>, when set, holds
/// answers until it completes.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public volatile int Status = 200;

    /// <summary>Requests still to refuse with 503 before answering <see cref="Status"/> (an outage of a known length).</summary>
    public int FailFirst;

    public volatile TaskCompletionSource? Gate;

    /// <summary>A <c>Location</c> to answer with (set <see cref="Status"/> to a 3xx too), or null.</summary>
    public volatile string? RedirectTo;

    /// <summary>The answer's body: by default longer than the history keeps, so truncation is exercised.</summary>
    public volatile string Answer = "ok " + new string('x', 40_000);

    public ChannelReader<ReceivedWebhook> Received => _received.Reader;

    /// <param name="certificate">Serve HTTPS with this certificate (a self-signed one no client trusts), or HTTP when null.</param>
    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        }

        var app = builder.Build();
        WebhookReceiver? self = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var receiver = self!;
            var status = Interlocked.Decrement(ref receiver.FailFirst) >= 0 ? 503 : receiver.Status;
            receiver._received.Writer.TryWrite(new ReceivedWebhook(context.Request.Path + context.Request.QueryString, headers, body, status));
            if (receiver.Gate is { } gate)
            {
                await gate.Task.WaitAsync(context.RequestAborted);
            }

            context.Response.StatusCode = status;
            if (receiver.RedirectTo is { } location)
            {
                context.Response.Headers.Location = location;
            }

            await context.Response.WriteAsync(receiver.Answer, context.RequestAborted);
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self = new WebhookReceiver(app, new Uri(address));
        return self;
    }

    /// <summary>The next request, or a failure naming what was awaited after <paramref name="timeout"/>.</summary>
    public async Task<ReceivedWebhook> NextAsync(TimeSpan timeout, CancellationToken cancellationToken, string? what = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await _received.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No webhook arrived within {timeout} ({what ?? "any"}).");
        }
    }

    /// <summary>The next request of this event key (others are skipped, e.g. pushes made while setting up).</summary>
    public async Task<ReceivedWebhook> NextOfAsync(string eventKey, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var left = timeout - waiting.Elapsed;
            var next = await NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), cancellationToken, eventKey);
            if (next.EventKey == eventKey)
            {
                return next;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Gate?.TrySetResult();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedWebhook(string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, int AnsweredStatus)
{
    public string EventKey => Headers.GetValueOrDefault("X-Event-Key") ?? "";

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public bool Succeeded => AnsweredStatus is >= 200 and < 300;
}
