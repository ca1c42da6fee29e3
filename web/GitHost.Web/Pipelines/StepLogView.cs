using System.Text;

namespace GitHost.Web.Pipelines;

/// <summary>
/// The part of one step's log a page shows, read on from where it stopped: a growing log costs only its new
/// bytes per look. It keeps the last <see cref="MaxBytes"/> or so and starts over when the log shrinks (the
/// step was run again). Characters split across two reads are decoded once both halves have come.
/// </summary>
public sealed class StepLogView
{
    /// <summary>How much of a log the page holds; a longer one is shown from a whole line near its end, with a link to all of it.</summary>
    public const int MaxBytes = 256 * 1024;

    private readonly StringBuilder _text = new();
    private Decoder _decoder = Encoding.UTF8.GetDecoder();

    /// <summary>How many bytes of the log have been read.</summary>
    public long Offset { get; private set; }

    /// <summary>Whether earlier bytes were left out.</summary>
    public bool Truncated { get; private set; }

    public string Text => _text.ToString();

    /// <summary>Reads what the log gained since the last call; <paramref name="log"/> is null when the step has none yet.</summary>
    /// <returns>Whether the text changed.</returns>
    public async Task<bool> ReadAsync(Stream? log, CancellationToken cancellationToken)
    {
        var length = log?.Length ?? 0;
        var shrank = length < Offset;
        if (shrank)
        {
            Reset();
        }

        if (log is null || length == Offset)
        {
            return shrank;
        }

        var skipTo = Math.Max(Offset, length - MaxBytes);
        var skipped = skipTo > Offset;
        if (skipped)
        {
            Reset();
            Truncated = true;
        }

        log.Seek(skipTo, SeekOrigin.Begin);
        var bytes = new byte[length - skipTo];
        await log.ReadExactlyAsync(bytes, cancellationToken);
        var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
        _decoder.GetChars(bytes, chars, flush: false);
        var start = 0;
        if (skipped)
        {
            // A jump lands anywhere in a line (or a character): show from the next whole line.
            start = Array.IndexOf(chars, '\n') + 1;
        }

        _text.Append(chars, start, chars.Length - start);
        Offset = length;
        TrimHead();
        return true;
    }

    private void TrimHead()
    {
        if (_text.Length <= MaxBytes)
        {
            return;
        }

        var cut = _text.Length - MaxBytes;
        var text = _text.ToString();
        var newline = text.IndexOf('\n', cut);
        _text.Remove(0, newline < 0 ? cut : newline + 1);
        Truncated = true;
    }

    private void Reset()
    {
        _text.Clear();
        _decoder = Encoding.UTF8.GetDecoder();
        Offset = 0;
        Truncated = false;
    }
}
