using System.Globalization;

namespace GitHost.Services.Pipelines.Logs;

/// <summary>
/// Step logs on disk, one file per step under <c>{home}/shared/pipelines/logs/{pipeline}/{step}.log</c>
/// (paths from ids only). Appends are idempotent by offset: a chunk the store already has is accepted
/// again without writing, a chunk that overlaps the end writes only its new tail, and a chunk that
/// would leave a gap is refused with the size the runner must resume from.
/// </summary>
public sealed class PipelineLogStore(string root)
{
    public string PathOf(long pipelineId, long stepId) =>
        Path.Combine(root, pipelineId.ToString(CultureInfo.InvariantCulture), stepId.ToString(CultureInfo.InvariantCulture) + ".log");

    public long SizeOf(long pipelineId, long stepId)
    {
        var file = new FileInfo(PathOf(pipelineId, stepId));
        return file.Exists ? file.Length : 0;
    }

    /// <param name="knownSize">The size recorded for the step; past <paramref name="maxBytes"/> the file stops growing and this counts on.</param>
    /// <returns>The log's size after the append (counting what was cut past the limit), or null when <paramref name="offset"/> is past the end (a gap).</returns>
    public async Task<long?> AppendAsync(
        long pipelineId, long stepId, long knownSize, long offset, Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        var path = PathOf(pipelineId, stepId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
        // Below the limit the file is the truth (a crash after a write but before the size was recorded must not duplicate bytes).
        var size = file.Length < maxBytes ? file.Length : Math.Max(knownSize, file.Length);
        if (offset > size)
        {
            return null;
        }

        var skip = size - offset;
        var received = 0L;
        file.Seek(0, SeekOrigin.End);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            received += read;
            var start = (int)Math.Min(skip, read);
            skip -= start;
            var room = (int)Math.Min(read - start, Math.Max(0, maxBytes - file.Length));
            if (room > 0)
            {
                await file.WriteAsync(buffer.AsMemory(start, room), cancellationToken);
            }
        }

        await file.FlushAsync(cancellationToken);
        return Math.Max(size, offset + received);
    }

    public Stream? OpenRead(long pipelineId, long stepId)
    {
        var path = PathOf(pipelineId, stepId);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.Asynchronous) : null;
    }

    public void Delete(long pipelineId, long stepId)
    {
        var path = PathOf(pipelineId, stepId);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public void DeletePipeline(long pipelineId)
    {
        var directory = Path.Combine(root, pipelineId.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
