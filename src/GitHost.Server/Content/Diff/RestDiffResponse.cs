using GitHost.Services.Content.Diff;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Content.Diff;

/// <summary>
/// Sends a diff as Bitbucket's JSON while git writes it (<see cref="RestDiffJsonWriter"/>). A failure
/// before the first chunk left (bad range, missing path, git refusing) is thrown as usual and gets the
/// error envelope. A failure after it (git dying mid-way, a client going away) cannot change the 200
/// already sent; rather than end a JSON document that would look whole, the connection is aborted, so
/// the client sees a transfer that never finished (no last chunk on HTTP/1.1, a reset stream on HTTP/2).
/// </summary>
internal static partial class RestDiffResponse
{
    /// <summary>Runs <paramref name="produce"/>, which streams the diff into the writer it is given.</summary>
    public static async Task SendAsync(HttpContext http, DiffQuery query, Func<RestDiffJsonWriter, Task> produce)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var writer = new RestDiffJsonWriter(http.Response, query, json);
        try
        {
            await produce(writer);
        }
        catch (Exception exception) when (writer.Started)
        {
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RestDiffResponse).FullName!);
            if (http.RequestAborted.IsCancellationRequested)
            {
                Log.ClientLeft(logger, http.Request.Path.Value ?? "");
            }
            else
            {
                Log.FailedAfterStart(logger, http.Request.Path.Value ?? "", exception);
            }

            http.Abort();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5600, Level = LogLevel.Warning, Message = "The diff at {Path} failed after its first bytes were sent; the connection was aborted")]
        public static partial void FailedAfterStart(ILogger logger, string path, Exception exception);

        [LoggerMessage(EventId = 5601, Level = LogLevel.Debug, Message = "The client of the diff at {Path} went away while it was sent")]
        public static partial void ClientLeft(ILogger logger, string path);
    }
}
