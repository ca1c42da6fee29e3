using System.ComponentModel.DataAnnotations;

namespace GitHost.Services.Git.Admission;

/// <summary>
/// <c>GitHost:Git:Admission</c>: how many packs this node generates at once for fetches and clones, and how
/// long a further one waits for its turn. Pack generation is what a clone costs (CPU and memory in
/// <c>pack-objects</c>); bounding it keeps a burst of CI clones from taking the node down.
/// </summary>
public sealed class PackAdmissionOptions
{
    public const string SectionName = "GitHost:Git:Admission";

    /// <summary>Pack generations running at once on this node; 0 = 1.5 × the CPU count (at least 2), as Bitbucket does.</summary>
    [Range(0, 10_000)]
    public int MaxConcurrentPackGenerations { get; set; }

    /// <summary>Requests waiting for a turn; one more is refused at once.</summary>
    [Range(0, 100_000)]
    public int MaxQueued { get; set; } = 1_000;

    /// <summary>How long a request waits for a turn before it is refused (HTTP 503, or a <c>fatal:</c> line over SSH).</summary>
    [Range(0, 3_600)]
    public int QueueTimeoutSeconds { get; set; } = 120;

    /// <summary>The <c>Retry-After</c> a refused HTTP request is given.</summary>
    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 10;

    public int EffectiveMaxConcurrent(int processorCount) =>
        MaxConcurrentPackGenerations > 0 ? MaxConcurrentPackGenerations : Math.Max(2, processorCount * 3 / 2);
}
