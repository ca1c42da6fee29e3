using System.Text;
using System.Threading.Channels;
using GitHost.Pipelines.Logs;
using Microsoft.Extensions.Logging;

namespace GitHost.Runner;

/// <summary>
/// Sends a step's output to the server in order: bytes are decoded, secured values masked (also when a
/// value is split across two reads), and sent in chunks of up to 256 KiB at most every flush interval.
/// Each chunk carries its offset, so a chunk resent after a network failure is stored once.
/// </summary>
public sealed partial class LogUploader : IAsyncDisposable
{
    private const int MaxChunk = 256 * 1024;

    private readonly RunnerClient _client;
    private readonly string _secret;
    private readonly string _stepUuid;
    private readonly LogMasker _masker;
    private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
    private readonly Channel<byte[]> _pending = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sender;
    private readonly TimeSpan _flushInterval;
    private readonly ILogger _logger;
    private long _offset;

    public LogUploader(RunnerClient client, string secret, string stepUuid, long offset, IEnumerable<MaskedSecret> secrets, TimeSpan flushInterval, ILogger logger)
    {
        _client = client;
        _secret = secret;
        _stepUuid = stepUuid;
        _offset = offset;
        _masker = new LogMasker(secrets);
        _flushInterval = flushInterval;
        _logger = logger;
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Raw output bytes, in order, from one writer.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
        _decoder.GetChars(bytes, chars, flush: false);
        Enqueue(_masker.Push(new string(chars)));
    }

    /// <summary>A line of the runner's own (clone progress, the after-script header).</summary>
    public void WriteLine(string text) => Write(Encoding.UTF8.GetBytes(text + "\n"));

    public async ValueTask DisposeAsync()
    {
        var rest = new char[_decoder.GetCharCount([], flush: true)];
        _decoder.GetChars([], rest, flush: true);
        Enqueue(_masker.Push(new string(rest)) + _masker.Flush());
        _pending.Writer.Complete();
        await _sender;
    }

    private void Enqueue(string text)
    {
        if (text.Length > 0)
        {
            _pending.Writer.TryWrite(Encoding.UTF8.GetBytes(text));
        }
    }

    private async Task SendLoopAsync()
    {
        var buffer = new MemoryStream();
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync())
        {
            // Gather what arrives within the flush interval into one chunk.
            using var window = new CancellationTokenSource(_flushInterval);
            try
            {
                while (buffer.Length < MaxChunk)
                {
                    if (reader.TryRead(out var piece))
                    {
                        buffer.Write(piece);
                        continue;
                    }

                    if (!await reader.WaitToReadAsync(window.Token))
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            await SendAsync(buffer);
        }

        await SendAsync(buffer);
    }

    private async Task SendAsync(MemoryStream buffer)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        var chunk = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _offset = await _client.AppendLogAsync(_secret, _stepUuid, _offset, chunk, CancellationToken.None);
                break;
            }
            catch (HttpRequestException e) when (attempt < 10)
            {
                Log.Retrying(_logger, _stepUuid, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt));
            }
            catch (Exception e)
            {
                // The step goes on without its log rather than stop for it.
                Log.Dropped(_logger, e, _stepUuid, chunk.Length);
                break;
            }
        }

        buffer.SetLength(0);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Sending the log of step {StepUuid} failed ({Error}); trying again")]
        public static partial void Retrying(ILogger logger, string stepUuid, string error);

        [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "{Bytes} bytes of the log of step {StepUuid} could not be sent")]
        public static partial void Dropped(ILogger logger, Exception exception, string stepUuid, int bytes);
    }
}
