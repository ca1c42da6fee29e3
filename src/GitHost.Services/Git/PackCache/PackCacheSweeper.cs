using GitHost.Git;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Git.PackCache;

/// <summary>
/// Keeps the cache within <see cref="PackCacheOptions.MaxBytes"/> and <see cref="PackCacheOptions.MaxAgeSeconds"/>:
/// every sweep removes entries unused for longer than the age limit, then the least recently used until
/// the rest fits, and temporary files older than the git command timeout (left by a crash: no running
/// generation can still own them).
/// </summary>
public sealed partial class PackCacheSweeper(
    UploadPackCache cache, IOptions<PackCacheOptions> options, IOptions<GitOptions> git, TimeProvider time, ILogger<PackCacheSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds), time);
        do
        {
            try
            {
                Sweep();
            }
            catch (IOException e)
            {
                Log.SweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep; returns the entries and temporary files removed.</summary>
    public int Sweep()
    {
        if (!Directory.Exists(cache.Root))
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var oldestEntry = now.AddSeconds(-options.Value.MaxAgeSeconds);
        var oldestTemporary = now.AddSeconds(-git.Value.CommandTimeoutSeconds);
        var removed = 0;
        var kept = new List<FileInfo>();
        foreach (var file in new DirectoryInfo(cache.Root).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var temporary = file.Name.Contains(".tmp-", StringComparison.Ordinal);
            if (file.LastWriteTimeUtc < (temporary ? oldestTemporary : oldestEntry))
            {
                removed += TryDelete(file) ? 1 : 0;
            }
            else if (!temporary)
            {
                kept.Add(file);
            }
        }

        var total = kept.Sum(f => f.Length);
        foreach (var file in kept.OrderBy(f => f.LastWriteTimeUtc))
        {
            if (total <= options.Value.MaxBytes)
            {
                break;
            }

            if (TryDelete(file))
            {
                total -= file.Length;
                removed++;
            }
        }

        if (removed > 0)
        {
            Log.Swept(logger, removed, total);
        }

        return removed;
    }

    private static bool TryDelete(FileInfo file)
    {
        try
        {
            // A request that opened the entry keeps reading it: the file goes when its last reader closes it.
            file.Delete();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3404, Level = LogLevel.Information, Message = "Pack cache sweep removed {Removed} files; {Bytes} bytes kept")]
        public static partial void Swept(ILogger logger, int removed, long bytes);

        [LoggerMessage(EventId = 3405, Level = LogLevel.Warning, Message = "Pack cache sweep failed")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
