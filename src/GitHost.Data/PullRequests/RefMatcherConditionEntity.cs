using GitHost.Core.PullRequests;

namespace GitHost.Data.PullRequests;

/// <summary>
/// A condition on a pull request's source and target refs, at project or repository scope: a default
/// reviewers condition (<see cref="Kind"/> <c>default-reviewers</c>: reviewers and required approvals)
/// or a required builds condition (<c>required-builds</c>: build parent keys, with an exempt source
/// matcher). What is particular to the kind is JSON in <see cref="Details"/>.
/// </summary>
public sealed class RefMatcherConditionEntity
{
    public long Id { get; set; }

    public string Kind { get; set; } = "";

    public SettingsScope ScopeType { get; set; }

    public long ScopeId { get; set; }

    public RefMatcherType SourceMatcherType { get; set; }

    public string SourceMatcherId { get; set; } = "";

    public RefMatcherType TargetMatcherType { get; set; }

    public string TargetMatcherId { get; set; } = "";

    public string Details { get; set; } = "{}";
}
