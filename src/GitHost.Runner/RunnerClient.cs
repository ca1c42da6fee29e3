using System.Net;
using System.Net.Http.Json;
using GitHost.Pipelines.Protocol;
using Microsoft.Extensions.Options;

namespace GitHost.Runner;

/// <summary>The runner API over HTTP (<see cref="RunnerProtocol"/>). A refused credential is <see cref="RunnerRefusedException"/>; network trouble surfaces as <see cref="HttpRequestException"/> for the caller to retry.</summary>
public sealed class RunnerClient(HttpClient http, IOptions<RunnerOptions> options)
{
    private Uri Server => new(options.Value.Server.TrimEnd('/') + "/");

    public async Task<RunnerRegistered> RegisterAsync(string token, RunnerRegistration registration, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, RunnerProtocol.Register, token, JsonContent.Create(registration), cancellationToken);
        return (await response.Content.ReadFromJsonAsync<RunnerRegistered>(cancellationToken))!;
    }

    public async Task<RunnerJob?> NextJobAsync(string secret, JobPoll poll, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, RunnerProtocol.NextJob, secret, JsonContent.Create(poll), cancellationToken);
        return response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<RunnerJob>(cancellationToken);
    }

    public async Task<HeartbeatAnswer> HeartbeatAsync(string secret, string stepUuid, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, RunnerProtocol.Job(stepUuid) + "/heartbeat", secret, null, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<HeartbeatAnswer>(cancellationToken))!;
    }

    public async Task<long> AppendLogAsync(string secret, string stepUuid, long offset, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{RunnerProtocol.Job(stepUuid)}/log?offset={offset}", secret,
            new ReadOnlyMemoryContent(chunk), cancellationToken);
        return (await response.Content.ReadFromJsonAsync<LogAccepted>(cancellationToken))!.Size;
    }

    public async Task CompleteAsync(string secret, string stepUuid, StepResult result, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, RunnerProtocol.Job(stepUuid) + "/complete", secret, JsonContent.Create(result), cancellationToken);
    }

    /// <summary>The archives of earlier steps this step gets, in the order to unpack them.</summary>
    public async Task<IReadOnlyList<JobArtifact>> ListArtifactsAsync(string secret, string stepUuid, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, RunnerProtocol.Job(stepUuid) + "/artifacts", secret, null, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<List<JobArtifact>>(cancellationToken))!;
    }

    /// <summary>The answer to dispose once its body (a gzipped tar, streamed) is read.</summary>
    public Task<HttpResponseMessage> DownloadArtifactAsync(string secret, string stepUuid, string fromStepUuid, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, RunnerProtocol.Artifact(stepUuid, fromStepUuid), secret, null, cancellationToken, HttpCompletionOption.ResponseHeadersRead);

    /// <summary>Given as long as a big archive needs on a slow link; every other call gets <see cref="CallTimeout"/>.</summary>
    private static readonly TimeSpan TransferTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Longer than the server's long poll (25 s), short enough to notice a server that stopped answering.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);

    public async Task<long> UploadArtifactsAsync(string secret, string stepUuid, Stream archive, CancellationToken cancellationToken)
    {
        var content = new StreamContent(archive);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/gzip");
        using var response = await SendAsync(HttpMethod.Put, RunnerProtocol.Job(stepUuid) + "/artifacts", secret, content, cancellationToken, timeout: TransferTimeout);
        return (await response.Content.ReadFromJsonAsync<ArtifactsAccepted>(cancellationToken))!.Size;
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string credential, HttpContent? content, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, TimeSpan? timeout = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Server, path.TrimStart('/'))) { Content = content };
        request.Headers.Add(RunnerProtocol.TokenHeader, credential);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? CallTimeout);
        var response = await http.SendAsync(request, completion, deadline.Token);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.Dispose();
        throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? new RunnerRefusedException($"The server refused the runner ({(int)response.StatusCode}): {body}")
            : new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
    }
}

/// <summary>The server does not accept this runner's credential (unknown, used, disabled or deleted): retrying cannot help.</summary>
public sealed class RunnerRefusedException(string message) : Exception(message);
