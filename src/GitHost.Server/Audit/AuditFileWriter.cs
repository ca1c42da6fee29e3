using System.Data.Common;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GitHost.Data;
using GitHost.Data.Audit;
using GitHost.Server.Hosting;
using GitHost.Services.Audit;
using GitHost.Services.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GitHost.Server.Audit;

/// <summary>
/// Streams the audit table to JSON lines files for SIEM ingestion: <c>{home}/log/audit/audit-YYYYMMDD.jsonl</c>
/// (the UTC day of the record; <c>audit-YYYYMMDD.N.jsonl</c> once a day's file reaches
/// <c>MaxFileBytes</c>). It reads committed rows by id after a watermark, so the file never holds a
/// rolled-back action, and it catches up after a restart or a crash: the position file says which
/// lines are whole, a torn last line is cut, and writing resumes after the last id written. Each
/// record is written once, in id order.
/// </summary>
internal sealed partial class AuditFileWriter(
    IServiceScopeFactory scopes, AuditCommitted committed, ClusterJobs jobs, IOptions<AuditOptions> options, IOptions<ServerOptions> server,
    DataHome home, TimeProvider time, ILogger<AuditFileWriter> logger) : BackgroundService
{
    private const int BatchSize = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private long _lastWrittenId = -1;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Folder => Path.Combine(home.Path, "log", "audit");

    /// <summary>The id of the last record in the files; -1 until the writer has started (or when the file is off).</summary>
    public long LastWrittenId => Interlocked.Read(ref _lastWrittenId);

    /// <summary>Completes once every record up to <paramref name="id"/> is in the files.</summary>
    public async Task WaitForAsync(long id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var progress = Volatile.Read(ref _progress).Task;
            if (LastWrittenId >= id)
            {
                return;
            }

            committed.Notify();
            await progress.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.FileEnabled)
        {
            return;
        }

        await Task.Yield();
        Directory.CreateDirectory(Folder);
        // Read again whenever this node takes the file over: another node may have written since.
        AuditFilePosition? position = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await jobs.HoldsAsync(ClusterJobNames.AuditFile, stoppingToken))
                {
                    position = null;
                    await committed.WaitAsync(TimeSpan.FromSeconds(options.Value.FilePollSeconds), stoppingToken);
                    continue;
                }

                if (position is null)
                {
                    position = Recover(AuditFilePosition.Load(Folder));
                    Advance(position.LastId);
                }

                var (next, written) = await WriteBatchAsync(position, stoppingToken);
                position = next;
                Advance(position.LastId);
                if (written < BatchSize)
                {
                    await committed.WaitAsync(TimeSpan.FromSeconds(options.Value.FilePollSeconds), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException or DbUpdateException or InvalidOperationException)
            {
                Log.WriteFailed(logger, Folder, e);
                await Task.Delay(TimeSpan.FromSeconds(options.Value.FilePollSeconds), time, stoppingToken);
            }
        }
    }

    /// <summary>The id of the last record in the files, whichever node wrote it (the position file is in the shared home).</summary>
    public long WrittenUpTo() => Math.Max(LastWrittenId, AuditFilePosition.Load(Folder).LastId);

    private async Task<(AuditFilePosition Position, int Written)> WriteBatchAsync(AuditFilePosition position, CancellationToken cancellationToken)
    {
        List<AuditEventEntity> rows;
        await using (var scope = scopes.CreateAsyncScope())
        {
            rows = await scope.ServiceProvider.GetRequiredService<AuditLog>().AfterAsync(position.LastId, BatchSize, cancellationToken);
        }

        var ready = Contiguous(rows, position.LastId);
        if (ready.Count == 0)
        {
            return (position, 0);
        }

        var system = server.Value.BaseUrl?.TrimEnd('/');
        foreach (var day in ready.GroupBy(r => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(r.Timestamp).UtcDateTime)))
        {
            var rowsOfDay = day.ToList();
            var next = 0;
            while (next < rowsOfDay.Count)
            {
                // Lines go to the day's newest file up to and including the one that reaches the size limit; the rest to the next file.
                var file = FileFor(day.Key);
                var path = Path.Combine(Folder, file);
                var length = File.Exists(path) ? new FileInfo(path).Length : 0;
                var text = new StringBuilder();
                var lastId = position.LastId;
                while (next < rowsOfDay.Count && length < options.Value.MaxFileBytes)
                {
                    var line = JsonSerializer.Serialize(AuditEventMapper.ToFileLine(rowsOfDay[next], system), Json) + "\n";
                    text.Append(line);
                    length += Encoding.UTF8.GetByteCount(line);
                    lastId = rowsOfDay[next].Id;
                    next++;
                }

                await using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
                {
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
                    stream.Flush(flushToDisk: true);
                    length = stream.Length;
                }

                position = new AuditFilePosition(lastId, file, length);
                position.Save(Folder);
            }
        }

        return (position, ready.Count);
    }

    /// <summary>
    /// The rows up to the first hole in the ids. A hole is a transaction that took an id and has not
    /// committed yet (it will appear) or rolled back (it never will): wait for it up to GapWaitSeconds
    /// after the next record's time, then go on without it.
    /// </summary>
    private List<AuditEventEntity> Contiguous(List<AuditEventEntity> rows, long lastId)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var waitMs = options.Value.GapWaitSeconds * 1000L;
        var ready = new List<AuditEventEntity>();
        var expected = lastId + 1;
        foreach (var row in rows)
        {
            if (row.Id != expected && lastId > 0 && now - row.Timestamp < waitMs)
            {
                break;
            }

            ready.Add(row);
            expected = row.Id + 1;
        }

        return ready;
    }

    /// <summary>The day's newest file, or the next one when it is full.</summary>
    private string FileFor(DateOnly day)
    {
        var stem = "audit-" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var index = 0;
        while (File.Exists(Path.Combine(Folder, Name(stem, index + 1))))
        {
            index++;
        }

        var current = Path.Combine(Folder, Name(stem, index));
        return File.Exists(current) && new FileInfo(current).Length >= options.Value.MaxFileBytes ? Name(stem, index + 1) : Name(stem, index);
    }

    private static string Name(string stem, int index) => index == 0 ? stem + ".jsonl" : $"{stem}.{index}.jsonl";

    /// <summary>
    /// After a crash the file may hold lines the position file does not know of (written, position
    /// not yet saved) and a torn last line. Whole lines count as written; a torn one is cut off.
    /// </summary>
    private AuditFilePosition Recover(AuditFilePosition position)
    {
        var file = position.File ?? Directory.EnumerateFiles(Folder, "audit-*.jsonl").Select(Path.GetFileName).Order(StringComparer.Ordinal).LastOrDefault();
        if (file is null || !File.Exists(Path.Combine(Folder, file)))
        {
            return position;
        }

        var path = Path.Combine(Folder, file);
        var start = position.File is null ? 0 : position.Length;
        var lastId = position.LastId;
        long whole;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            if (stream.Length <= start)
            {
                return position;
            }

            stream.Position = start;
            var bytes = new byte[stream.Length - start];
            stream.ReadExactly(bytes);
            var end = Array.LastIndexOf(bytes, (byte)'\n');
            whole = start + end + 1;
            foreach (var line in Encoding.UTF8.GetString(bytes, 0, end + 1).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var document = JsonDocument.Parse(line);
                lastId = Math.Max(lastId, document.RootElement.GetProperty("id").GetInt64());
            }

            if (whole < stream.Length)
            {
                stream.SetLength(whole);
            }
        }

        Log.Recovered(logger, file, lastId);
        var recovered = new AuditFilePosition(lastId, file, whole);
        recovered.Save(Folder);
        return recovered;
    }

    private void Advance(long lastId)
    {
        Interlocked.Exchange(ref _lastWrittenId, lastId);
        Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6601, Level = LogLevel.Warning, Message = "Writing the audit log file in {Folder} failed; retrying")]
        public static partial void WriteFailed(ILogger logger, string folder, Exception exception);

        [LoggerMessage(EventId = 6602, Level = LogLevel.Information, Message = "Audit log file {File} recovered after an interrupted write; continuing after record {LastId}")]
        public static partial void Recovered(ILogger logger, string file, long lastId);
    }
}
