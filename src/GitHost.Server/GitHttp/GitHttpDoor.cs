using System.IO.Compression;
using GitHost.Core.Failures;
using GitHost.Git;
using GitHost.Git.Commands;
using GitHost.Git.Hooks;
using GitHost.Git.Transport;
using GitHost.Server.Auth;
using GitHost.Server.Rest;
using GitHost.Services.Git;
using GitHost.Services.Git.Admission;
using GitHost.Services.Git.PackCache;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace GitHost.Server.GitHttp;

/// <summary>
/// Runs <c>git upload-pack</c> / <c>git receive-pack --stateless-rpc</c> for one HTTP request and
/// streams both directions through fixed buffers: git itself moves the bytes (architecture decision 1).
/// The process itself (hooks and push session for a push) comes from <see cref="GitTransportCommands"/>,
/// which the SSH door uses too.
/// </summary>
internal sealed partial class GitHttpDoor(
    GitRepositoryAccess access,
    GitTransportCommands transport,
    PackGenerationGate packGenerations,
    UploadPackCache cache,
    RepositoryStates states,
    LinkBuilder links,
    IOptions<GitOptions> options,
    ILogger<GitHttpDoor> logger)
{
    public async Task AdvertiseAsync(HttpContext context, string key, string repo, GitService? service)
    {
        if (service is not { } known)
        {
            await GitHttpResponses.WriteAsync(context, StatusCodes.Status403Forbidden,
                "GitHost speaks only git's smart HTTP protocol (service=git-upload-pack or git-receive-pack). Use git 1.6.6 or newer.");
            return;
        }

        await RunAsync(context, key, repo, known, advertise: true);
    }

    public async Task ServeAsync(HttpContext context, string key, string repo, GitService? service)
    {
        if (service is not { } known)
        {
            await GitHttpResponses.WriteAsync(context, StatusCodes.Status404NotFound, "Unknown git service. Use git-upload-pack or git-receive-pack.");
            return;
        }

        var expected = $"application/x-{known.WireName()}-request";
        if (!string.Equals(context.Request.ContentType, expected, StringComparison.OrdinalIgnoreCase))
        {
            await GitHttpResponses.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, $"Expected Content-Type {expected}.");
            return;
        }

        await RunAsync(context, key, repo, known, advertise: false);
    }

    private async Task RunAsync(HttpContext context, string key, string repo, GitService service, bool advertise)
    {
        var aborted = context.RequestAborted;
        var principal = context.GetPrincipal();
        try
        {
            var (target, path) = await access.DemandAsync(principal, key, repo, service, aborted);
            using var run = transport.Prepare(new GitTransportRequest(
                service, "http", StatelessRpc: true, advertise, principal, target.Repository.Id, path,
                context.Request.Headers["Git-Protocol"], context.Connection.RemoteIpAddress?.ToString(), links.BaseUrl));
            var repositoryId = target.Repository.Id;
            run.Command.OnStarted(processId => Log.GitStarted(logger, service.WireName(), repositoryId, processId, advertise ? "advertisement" : "request"));
            await StreamAsync(context, run.Command, service, advertise, repositoryId, path);
        }
        catch (GitHostException failure)
        {
            await GitHttpResponses.WriteAsync(context, failure);
        }
        catch (PackGenerationAbortedException cut)
        {
            // Part of a pack was sent: ending the response cleanly would hand git a short pack as if whole.
            Log.AnswerCut(logger, key, repo, cut.Message);
            context.Abort();
        }
        catch (GitBodyTooLargeException tooLarge)
        {
            await GitHttpResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, tooLarge.Message);
        }
        catch (InvalidDataException)
        {
            await GitHttpResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "The request body is not valid gzip (Content-Encoding: gzip).");
        }
        catch (BadHttpRequestException bad)
        {
            await GitHttpResponses.WriteAsync(context, bad.StatusCode, "The request body could not be read: " + bad.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && aborted.IsCancellationRequested)
        {
            // The client went away; git was killed and reaped (before this line is logged), and
            // receive-pack moved no ref it had not finished.
            Log.ClientGone(logger, key, repo, service.WireName());
        }
    }

    private async Task StreamAsync(HttpContext context, GitCommand command, GitService service, bool advertise, long repositoryId, string path)
    {
        var response = context.Response;
        response.ContentType = advertise ? $"application/x-{service.WireName()}-advertisement" : $"application/x-{service.WireName()}-result";
        response.Headers.CacheControl = "no-cache, max-age=0, must-revalidate";
        response.Headers.Pragma = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var protocol = GitProtocolHeader.Sanitize(context.Request.Headers["Git-Protocol"]);
        var preamble = advertise && !GitProtocolHeader.IsVersion2(protocol) ? PktLine.ServicePreamble(service) : null;
        Func<ValueTask>? writePreamble = preamble is null ? null : () => response.Body.WriteAsync(preamble, context.RequestAborted);
        await using var input = await OpenInputAsync(context, service, advertise, GitProtocolHeader.IsVersion2(protocol));
        var body = input.Body;
        if (service == GitService.UploadPack && cache.Enabled)
        {
            (var whole, body) = await UploadPackRequest.ReadWholeAsync(input.Body, cache.MaxRequestBytes, context.RequestAborted);
            if (whole is not null)
            {
                var request = PackCacheRequest.ForUploadPack(states, repositoryId, path, advertise, protocol, whole, input.GeneratesPack, command);
                var answer = await cache.ServeAsync(request, response.Body, writePreamble, context.RequestAborted);
                await AnswerAsync(context, service, repositoryId, answer.Source == PackCacheSource.Busy, answer.Failure, answer.WroteOutput);
                return;
            }
        }

        using var turn = input.GeneratesPack ? await packGenerations.TryEnterAsync(context.RequestAborted) : null;
        if (input.GeneratesPack && turn is null)
        {
            await AnswerAsync(context, service, repositoryId, busy: true, failure: null, wroteOutput: false);
            return;
        }

        var result = await command.RunStreamingAsync(body, response.Body, writePreamble, context.RequestAborted);
        await AnswerAsync(context, service, repositoryId, busy: false, result.Succeeded ? null : result, result.WroteOutput);
    }

    /// <summary>Ends a request git has answered (or not, when the node was too busy to start it).</summary>
    private async Task AnswerAsync(HttpContext context, GitService service, long repositoryId, bool busy, GitResult? failure, bool wroteOutput)
    {
        if (busy)
        {
            Log.Busy(logger, repositoryId, packGenerations.Running, packGenerations.Waiting);
            await GitHttpResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, packGenerations.BusyMessage, (int)packGenerations.RetryAfter.TotalSeconds);
            return;
        }

        if (failure is not null)
        {
            // git's stderr names server paths; it goes to the log, the client gets a generic line.
            Log.GitFailed(logger, repositoryId, service.WireName(), failure.ExitCode, failure.StandardError.Trim());
            if (!wroteOutput)
            {
                await GitHttpResponses.WriteAsync(context, StatusCodes.Status400BadRequest,
                    $"{service.WireName()} could not process the request (exit {failure.ExitCode}). Check that the client speaks git's smart HTTP protocol.");
            }
        }
    }

    /// <summary>
    /// What git reads, and whether it will pack: an advertisement reads nothing; a fetch request is
    /// peeked at (protocol v2 names its command first), so that only pack generations wait for a turn.
    /// </summary>
    private async Task<GitInput> OpenInputAsync(HttpContext context, GitService service, bool advertise, bool version2)
    {
        if (advertise)
        {
            return new GitInput(Stream.Null, GeneratesPack: false);
        }

        var body = OpenBody(context);
        if (service != GitService.UploadPack)
        {
            return new GitInput(body, GeneratesPack: false);
        }

        var (packs, peeked) = await UploadPackRequest.PeekAsync(body, version2, context.RequestAborted);
        return new GitInput(peeked, packs);
    }

    /// <summary>
    /// The request body as git should read it: no ASP.NET size limit (packs are big) but
    /// <see cref="GitOptions.MaxPushBytes"/> on both the wire bytes and, for gzip, the inflated ones.
    /// </summary>
    private Stream OpenBody(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        var limit = options.Value.MaxPushBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new GitBodyTooLargeException(limit);
        }

        Stream body = new LimitedReadStream(context.Request.Body, limit);
        var encoding = context.Request.Headers.ContentEncoding.ToString();
        if (encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new LimitedReadStream(new GZipStream(body, CompressionMode.Decompress), limit);
        }
        else if (encoding.Length > 0 && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            throw GitHostException.Invalid($"Content-Encoding '{encoding}' is not supported; use gzip or none.");
        }

        return body;
    }

    /// <summary>The body git reads, and whether git will generate a pack for it.</summary>
    private sealed record GitInput(Stream Body, bool GeneratesPack) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Body.DisposeAsync();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Service} for repository {RepositoryId} exited with {ExitCode}: {StandardError}")]
        public static partial void GitFailed(ILogger logger, long repositoryId, string service, int exitCode, string standardError);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "{Service} for {ProjectKey}/{Repository} ended: the client disconnected")]
        public static partial void ClientGone(ILogger logger, string projectKey, string repository, string service);

        [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
            Message = "Fetch from repository {RepositoryId} refused with 503: {Running} pack generations running, {Waiting} waiting")]
        public static partial void Busy(ILogger logger, long repositoryId, int running, int waiting);

        [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Fetch from {ProjectKey}/{Repository} broken off: {Reason}")]
        public static partial void AnswerCut(ILogger logger, string projectKey, string repository, string reason);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "{Service} for repository {RepositoryId} started as process {ProcessId} ({Phase})")]
        public static partial void GitStarted(ILogger logger, string service, long repositoryId, int processId, string phase);
    }
}
