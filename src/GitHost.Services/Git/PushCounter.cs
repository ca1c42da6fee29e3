using System.Collections.Concurrent;
using System.Threading.Channels;
using GitHost.Git;
using Microsoft.Extensions.Options;

namespace GitHost.Services.Git;

/// <summary>
/// Counts pushes per repository in memory and queues a repository for housekeeping once it reached
/// <see cref="HousekeepingOptions.PushesBeforeRepack"/>. Counts are lost on restart; the slow scan
/// catches what they miss.
/// </summary>
public sealed class PushCounter(IOptions<GitOptions> options)
{
    private readonly ConcurrentDictionary<long, int> _counts = new();
    private readonly Channel<long> _due = Channel.CreateBounded<long>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite });

    public ChannelReader<long> Due => _due.Reader;

    public void RecordPush(long repositoryId)
    {
        var threshold = options.Value.Housekeeping.PushesBeforeRepack;
        var count = _counts.AddOrUpdate(repositoryId, 1, (_, c) => c + 1);
        if (count >= threshold)
        {
            _counts.TryRemove(repositoryId, out _);
            _due.Writer.TryWrite(repositoryId);
        }
    }
}
