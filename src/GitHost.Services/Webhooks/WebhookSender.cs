using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using GitHost.Services.Common;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Webhooks;

/// <summary>
/// Makes one delivery attempt as Bitbucket does: POST of the JSON body with <c>X-Event-Key</c>,
/// <c>X-Request-Id</c> and, with a secret, <c>X-Hub-Signature: sha256=&lt;hex HMAC of the body&gt;</c>.
/// Never throws for the receiver's faults: they come back as the outcome's error.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, EpochClock clock, IOptionsMonitor<WebhookOptions> options)
{
    public const string Client = "GitHost.Webhooks";
    public const string InsecureClient = "GitHost.Webhooks.NoSslVerification";
    private const string UserAgent = "Bitbucket-Webhooks/2.0";

    public async Task<DeliveryOutcome> SendAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var body = Encoding.UTF8.GetBytes(request.Body);
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json; charset=utf-8",
            ["X-Event-Key"] = request.EventKey,
            ["X-Request-Id"] = request.RequestId,
        };
        if (request.Secret is not null)
        {
            headers["X-Hub-Signature"] = Signature(request.Secret, body);
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(headers["Content-Type"]);
        foreach (var (name, value) in headers.Where(h => h.Key is not "Content-Type"))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.UserAgent.ParseAdd(UserAgent);
        headers["User-Agent"] = UserAgent;
        if (request.Username is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(request.Username + ":" + request.Password)));
            // The history shows that credentials went out, never what they were.
            headers["Authorization"] = "Basic <redacted>";
        }

        var start = clock.NowMs();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        try
        {
            var client = clients.CreateClient(request.SslVerificationRequired ? Client : InsecureClient);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var answer = await ReadLimitedAsync(response.Content, settings.ResponseBodyLimit, timeout.Token);
            return new DeliveryOutcome(start, clock.NowMs(), (int)response.StatusCode, null, answer, headers, null, body.Length);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed($"No answer within {settings.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", WebhookErrorKinds.Timeout);
        }
        catch (HttpRequestException e)
        {
            return Failed(Describe(e), WebhookErrorKinds.Of(e));
        }
        catch (IOException e)
        {
            return Failed(e.Message, WebhookErrorKinds.Of(e));
        }

        DeliveryOutcome Failed(string error, string kind) => new(start, clock.NowMs(), null, error, null, headers, kind, body.Length);
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact body bytes.</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookAddressRefusedException refused)
            {
                return refused.Message;
            }
        }

        return e.InnerException is { } cause ? $"{e.Message} ({cause.Message})" : e.Message;
    }

    /// <summary>The start of the answer, so a receiver streaming megabytes cannot fill the history or hold the hook.</summary>
    private static async Task<string?> ReadLimitedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit];
        var read = 0;
        while (read < limit)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }
}
