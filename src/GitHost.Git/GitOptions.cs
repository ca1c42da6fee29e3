using System.ComponentModel.DataAnnotations;

namespace GitHost.Git;

/// <summary><c>GitHost:Git</c>: how the git binary is run.</summary>
public sealed class GitOptions
{
    public const string SectionName = "GitHost:Git";

    [Required]
    public string Executable { get; set; } = "git";

    [Range(1, 86_400)]
    public int CommandTimeoutSeconds { get; set; } = 3_600;
}
