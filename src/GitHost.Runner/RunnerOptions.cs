using System.ComponentModel.DataAnnotations;

namespace GitHost.Runner;

/// <summary>
/// <c>githost-runner --server URL --token T --work DIR [--capacity N]</c>, or the same under
/// <c>Runner:</c> in configuration or <c>Runner__*</c> environment variables.
/// </summary>
public sealed class RunnerOptions
{
    public const string SectionName = "Runner";

    /// <summary>The GitHost server's base URL.</summary>
    [Required]
    public string Server { get; set; } = "";

    /// <summary>The one-time registration token from creating the runner; not needed once the runner has registered.</summary>
    public string? Token { get; set; }

    /// <summary>Where the runner keeps its credential and each step's workspace.</summary>
    [Required]
    public string Work { get; set; } = "";

    /// <summary>Steps run at once.</summary>
    [Range(1, 64)]
    public int Capacity { get; set; } = 1;

    /// <summary>How often a running step reports that it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long log output may wait before it is sent.</summary>
    public TimeSpan LogFlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The shell the scripts run in.</summary>
    public string Shell { get; set; } = "/bin/bash";
}
