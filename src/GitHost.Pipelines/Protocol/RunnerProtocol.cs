namespace GitHost.Pipelines.Protocol;

/// <summary>
/// The runner API's addresses and header, shared by the server and the runner so they cannot drift.
/// Every call carries the runner's credential in <see cref="TokenHeader"/> (not <c>Authorization</c>,
/// which belongs to users and their tokens).
/// </summary>
public static class RunnerProtocol
{
    public const string TokenHeader = "X-GitHost-Runner-Token";

    public const string Base = "/rest/pipelines/1.0/runner";

    public const string Register = Base + "/register";

    /// <summary>POST <see cref="JobPoll"/>: 200 with a <see cref="RunnerJob"/>, or 204 when none came within the poll.</summary>
    public const string NextJob = Base + "/jobs/next";

    /// <summary>Then <c>/heartbeat</c>, <c>/log?offset=N</c>, <c>/artifacts</c> (GET the list, PUT its own) and <c>/complete</c>.</summary>
    public static string Job(string stepUuid) => $"{Base}/jobs/{Uri.EscapeDataString(stepUuid)}";

    /// <summary>GET: the archive an earlier step kept (a gzipped tar).</summary>
    public static string Artifact(string stepUuid, string fromStepUuid) => $"{Job(stepUuid)}/artifacts/{Uri.EscapeDataString(fromStepUuid)}";
}

/// <summary>What a runner says of itself when it registers.</summary>
public sealed record RunnerRegistration(string? HostName, string? Version, int Capacity);

/// <summary>The answer to registration: the secret the runner keeps and uses from now on.</summary>
public sealed record RunnerRegistered(string Uuid, string Name, string Secret, IReadOnlyList<string> Labels);

/// <summary>A poll: how many more steps the runner can take, and the steps it still runs (their leases are renewed).</summary>
public sealed record JobPoll(int Free, IReadOnlyList<string> Running);

/// <summary>A step to run.</summary>
/// <param name="Artifacts">Globs of the files in the clone to keep for later steps once the script ran.</param>
/// <param name="DownloadArtifacts">Whether to unpack the earlier steps' artifacts into the clone first.</param>
/// <param name="LogOffset">Bytes of log the server already has: a step taken again after a lost runner starts its log there.</param>
public sealed record RunnerJob(
    string StepUuid,
    string PipelineUuid,
    int BuildNumber,
    string StepName,
    string CloneUrl,
    string JobToken,
    string CommitId,
    bool CloneEnabled,
    int? CloneDepth,
    IReadOnlyList<string> Script,
    IReadOnlyList<string> AfterScript,
    IReadOnlyList<JobVariable> Variables,
    int MaxTimeMinutes,
    long LogOffset,
    string? Image,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Pipes,
    IReadOnlyList<string> Artifacts,
    bool DownloadArtifacts);

/// <summary>An archive of files an earlier step of the pipeline kept (<c>artifacts</c>), for the step to unpack before its script.</summary>
public sealed record JobArtifact(string StepUuid, string StepName, long Size);

/// <summary>An environment variable of the step; secured ones are masked in its log.</summary>
public sealed record JobVariable(string Key, string Value, bool Secured);

/// <summary>The answer to a heartbeat: keep going, or stop now (the pipeline was stopped, or the step ran past its max-time).</summary>
public sealed record HeartbeatAnswer(bool Stop, string? Reason);

/// <summary>How a step ended: SUCCESSFUL, FAILED (the script failed) or ERROR (the runner could not run it).</summary>
public sealed record StepResult(string Result, int? ExitCode, string? Reason);

/// <summary>Bytes of log the server holds after a chunk.</summary>
public sealed record LogAccepted(long Size);

/// <summary>Bytes of artifacts the server keeps for the step.</summary>
public sealed record ArtifactsAccepted(long Size);
