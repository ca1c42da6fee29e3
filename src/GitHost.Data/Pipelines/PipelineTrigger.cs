namespace GitHost.Data.Pipelines;

/// <summary>What started a pipeline.</summary>
public enum PipelineTrigger
{
    Push = 0,

    /// <summary>A pull request was opened or its source branch moved.</summary>
    PullRequest = 1,

    /// <summary>Someone ran it (a custom pipeline, a branch's pipeline run by hand, a re-run).</summary>
    Manual = 2,
}
