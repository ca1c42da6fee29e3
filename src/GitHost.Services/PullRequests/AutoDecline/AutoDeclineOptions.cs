using System.ComponentModel.DataAnnotations;

namespace GitHost.Services.PullRequests.AutoDecline;

/// <summary><c>GitHost:AutoDecline</c>: the background job that declines inactive pull requests, and the server-wide default setting.</summary>
public sealed class AutoDeclineOptions
{
    public const string SectionName = "GitHost:AutoDecline";

    /// <summary>Runs the job at all; the REST settings stay available when it is off.</summary>
    public bool JobEnabled { get; set; } = true;

    /// <summary>How often the job looks for inactive pull requests.</summary>
    [Range(1, 10_080)]
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Pull requests read per query, so a first run over a large instance never holds a long read.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>The GLOBAL setting a project or repository without its own uses.</summary>
    public bool DefaultEnabled { get; set; }

    /// <summary>The GLOBAL inactivity period: 1, 2, 4, 8 or 12 weeks, as Bitbucket allows.</summary>
    [AllowedValues(1, 2, 4, 8, 12)]
    public int DefaultInactivityWeeks { get; set; } = 4;
}
