using System.ComponentModel.DataAnnotations;

namespace GitHost.Git;

/// <summary><c>GitHost:Git</c>: how the git binary is run, and what a push may write.</summary>
public sealed class GitOptions : IValidatableObject
{
    public const string SectionName = "GitHost:Git";

    [Required]
    public string Executable { get; set; } = "git";

    [Range(1, 86_400)]
    public int CommandTimeoutSeconds { get; set; } = 3_600;

    /// <summary>Largest git request body (a push's pack, or a fetch's negotiation), in bytes, after gzip is undone. Larger → 413.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxPushBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Ref folders a push may write besides <c>refs/heads/</c>, <c>refs/tags/</c> and <c>refs/notes/</c>
    /// (for example <c>refs/review/</c> for a review tool). Empty by default: everything else, above all
    /// <c>refs/replace/</c>, is refused. GitHost's own hidden namespaces stay refused whatever is listed.
    /// </summary>
    public IReadOnlyList<string> AllowedExtraRefPrefixes { get; set; } = [];

    /// <summary><c>GitHost:Git:Housekeeping</c>: background repack and commit-graph upkeep.</summary>
    public HousekeepingOptions Housekeeping { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var prefix in AllowedExtraRefPrefixes)
        {
            if (!RefNames.IsRefFolder(prefix))
            {
                yield return new ValidationResult(
                    $"AllowedExtraRefPrefixes: '{prefix}' is not a ref folder. Write it as refs/<name>/ (for example refs/review/), "
                    + "with no part starting with '.' or '-' and no spaces or characters git refuses in ref names.",
                    [nameof(AllowedExtraRefPrefixes)]);
            }
        }
    }
}
