using System.Net;

namespace GitHost.Server.Tests.GitHttp;

/// <summary>
/// Sends its bytes and flushes them to the socket, then never ends: a client stuck (or killed) in the
/// middle of uploading a pack.
/// </summary>
internal sealed class StalledContent(byte[] head) : HttpContent
{
    public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(head, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        Sent.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
