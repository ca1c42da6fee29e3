namespace GitHost.Data.Pipelines;

/// <summary>
/// One run of a <c>bitbucket-pipelines.yml</c> pipeline for one commit. Its steps are written with it,
/// from the file as it was at that commit, so later edits to the file change nothing that is queued.
/// </summary>
public sealed class PipelineEntity
{
    public long Id { get; set; }

    public Guid Uuid { get; set; }

    public long RepositoryId { get; set; }

    /// <summary>1, 2, 3… per repository, as <c>BITBUCKET_BUILD_NUMBER</c>.</summary>
    public int BuildNumber { get; set; }

    public PipelineState State { get; set; }

    /// <summary>
    /// Optimistic lock, bumped by every write that moves the pipeline or its steps on: two steps ending at once
    /// (on two nodes, or two runners on one) must not both decide from a view where the other still runs.
    /// </summary>
    public int Version { get; set; }

    public PipelineTrigger Trigger { get; set; }

    /// <summary><c>branch</c>, <c>tag</c> or null (a pull request's pipeline names its source branch here too).</summary>
    public string? RefType { get; set; }

    /// <summary>The branch or tag name without <c>refs/heads/</c> or <c>refs/tags/</c>.</summary>
    public string? RefName { get; set; }

    public string CommitId { get; set; } = "";

    /// <summary>Which part of the file it ran: <c>default</c>, <c>branches</c>, <c>tags</c>, <c>pull-requests</c> or <c>custom</c>.</summary>
    public string Selector { get; set; } = "";

    /// <summary>The glob or custom pipeline name that matched; null for <c>default</c>.</summary>
    public string? Pattern { get; set; }

    /// <summary>The pull request's number in its target repository (<c>BITBUCKET_PR_ID</c>).</summary>
    public long? PullRequestNumber { get; set; }

    public string? PullRequestDestinationBranch { get; set; }

    public long? CreatorUserId { get; set; }

    /// <summary>The pipeline this one re-runs, if any.</summary>
    public long? RerunOfId { get; set; }

    /// <summary>Variables given to a custom pipeline, as a JSON object of name to value.</summary>
    public string? Variables { get; set; }

    /// <summary>Why it is in <see cref="PipelineState.Error"/>: a JSON list of problems (line, column, message, hint).</summary>
    public string? Problems { get; set; }

    /// <summary>Epoch ms.</summary>
    public long CreatedDate { get; set; }

    public long? CompletedDate { get; set; }

    /// <summary>Its steps; loaded only when asked for (<c>Include</c>), written with it when it is added.</summary>
    public List<PipelineStepEntity> Steps { get; set; } = [];
}
