using System.Globalization;
using GitHost.Data.Pipelines;
using GitHost.Services.Repositories;
using GitHost.Web.Repositories;

namespace GitHost.Web.Pipelines;

/// <summary>Where a pipeline's page is (the address its build status links to) and how its target and duration read.</summary>
public static class PipelineAddress
{
    public static string Of(RepositoryDetails repository, int buildNumber) =>
        $"{RepositoryAddress.Of(repository).Base}/pipelines/results/{buildNumber.ToString(CultureInfo.InvariantCulture)}";

    public static string Target(PipelineEntity pipeline) => pipeline switch
    {
        { PullRequestNumber: { } number } => $"pull request #{number} ({pipeline.RefName} → {pipeline.PullRequestDestinationBranch})",
        { RefType: "tag" } => $"tag {pipeline.RefName}",
        { RefName: { } name } => $"branch {name}" + (pipeline.Selector == "custom" ? $", custom: {pipeline.Pattern}" : ""),
        _ => pipeline.CommitId[..11],
    };

    public static string Duration(long? started, long? completed) => started is { } from && completed is { } to
        ? TimeSpan.FromMilliseconds(to - from) switch
        {
            { TotalMinutes: < 1 } span => $"{span.Seconds} s",
            { TotalHours: < 1 } span => $"{(int)span.TotalMinutes} min {span.Seconds} s",
            var span => $"{(int)span.TotalHours} h {span.Minutes} min",
        }
        : "";

    /// <summary>Whole KiB, rounded up, so a small file never reads 0.</summary>
    public static long Kib(long bytes) => (bytes + 1023) / 1024;
}
