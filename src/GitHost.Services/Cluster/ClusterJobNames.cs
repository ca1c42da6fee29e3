namespace GitHost.Services.Cluster;

/// <summary>The jobs that one node at a time runs, by the name of their lease.</summary>
public static class ClusterJobNames
{
    public const string PipelineTriggers = "pipeline-triggers";
    public const string PipelineLeaseWatch = "pipeline-lease-watch";
    public const string WebhookFanOut = "webhook-fan-out";
    public const string WebhookRetention = "webhook-retention";
    public const string AutoDecline = "pull-request-auto-decline";
    public const string AuditFile = "audit-file";
    public const string AuditRetention = "audit-retention";
    public const string PushRecovery = "push-recovery";

    /// <summary>One repository's repack, wherever the push that asked for it arrived.</summary>
    public static string Housekeeping(long repositoryId) => "housekeeping:" + repositoryId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
