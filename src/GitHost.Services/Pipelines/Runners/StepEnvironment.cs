using System.Globalization;
using System.Text.Json;
using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Pipelines.Protocol;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Pipelines.Runners;

/// <summary>
/// The variables a step sees: the server's, workspace's, project's and repository's (each overriding the
/// one before), then the custom pipeline's, then Bitbucket's built-in <c>BITBUCKET_*</c> names and
/// <c>CI=true</c>, which nothing overrides. Secured values are decrypted here, for the runner only.
/// </summary>
public sealed class StepEnvironment(GitHostDbContext db, IDataProtectionProvider protection)
{
    public const string ProtectionPurpose = "GitHost.Pipelines.SecuredVariables";

    public async Task<IReadOnlyList<JobVariable>> ForAsync(PipelineEntity pipeline, PipelineStepEntity step, StepPlace place, string cloneUrl, CancellationToken cancellationToken)
    {
        var stored = await db.PipelineVariables.AsNoTracking()
            .Where(v => v.ScopeType == PipelineScope.Server
                || (v.ScopeType == PipelineScope.Workspace && v.ScopeId == place.WorkspaceId)
                || (v.ScopeType == PipelineScope.Project && v.ScopeId == place.ProjectId)
                || (v.ScopeType == PipelineScope.Repository && v.ScopeId == place.RepositoryId))
            .ToListAsync(cancellationToken);
        var protector = protection.CreateProtector(ProtectionPurpose);
        var variables = new Dictionary<string, JobVariable>(StringComparer.Ordinal);
        foreach (var variable in stored.OrderBy(v => v.ScopeType))
        {
            var value = variable.Secured ? protector.Unprotect(variable.Value) : variable.Value;
            variables[variable.Key] = new JobVariable(variable.Key, value, variable.Secured);
        }

        foreach (var (key, value) in pipeline.Variables is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(pipeline.Variables)!)
        {
            variables[key] = new JobVariable(key, value, false);
        }

        var firstOfGroup = await db.PipelineSteps.Where(s => s.PipelineId == step.PipelineId && s.GroupIndex == step.GroupIndex).MinAsync(s => s.Index, cancellationToken);
        foreach (var (key, value) in BuiltIn(pipeline, step, step.Index - firstOfGroup, place, cloneUrl))
        {
            variables[key] = new JobVariable(key, value, false);
        }

        return variables.Values.ToList();
    }

    private static IEnumerable<(string Key, string Value)> BuiltIn(PipelineEntity pipeline, PipelineStepEntity step, int parallelIndex, StepPlace place, string cloneUrl)
    {
        yield return ("CI", "true");
        yield return ("BITBUCKET_BUILD_NUMBER", pipeline.BuildNumber.ToString(CultureInfo.InvariantCulture));
        yield return ("BITBUCKET_COMMIT", pipeline.CommitId);
        yield return ("BITBUCKET_REPO_SLUG", place.Slug);
        yield return ("BITBUCKET_REPO_FULL_NAME", $"{place.ProjectKey}/{place.Slug}");
        yield return ("BITBUCKET_PROJECT_KEY", place.ProjectKey);
        yield return ("BITBUCKET_WORKSPACE", place.WorkspaceKey);
        yield return ("BITBUCKET_GIT_HTTP_ORIGIN", cloneUrl);
        yield return ("BITBUCKET_PIPELINE_UUID", PipelineIds.Format(pipeline.Uuid));
        yield return ("BITBUCKET_STEP_UUID", PipelineIds.Format(step.Uuid));
        if (pipeline.RefType == "tag")
        {
            yield return ("BITBUCKET_TAG", pipeline.RefName!);
        }
        else if (pipeline.RefName is not null)
        {
            yield return ("BITBUCKET_BRANCH", pipeline.RefName);
        }

        if (pipeline.PullRequestNumber is { } number)
        {
            yield return ("BITBUCKET_PR_ID", number.ToString(CultureInfo.InvariantCulture));
            yield return ("BITBUCKET_PR_DESTINATION_BRANCH", pipeline.PullRequestDestinationBranch ?? "");
        }

        if (step.GroupSize > 1)
        {
            yield return ("BITBUCKET_PARALLEL_STEP", parallelIndex.ToString(CultureInfo.InvariantCulture));
            yield return ("BITBUCKET_PARALLEL_STEP_COUNT", step.GroupSize.ToString(CultureInfo.InvariantCulture));
        }

        if (step.Deployment is not null)
        {
            yield return ("BITBUCKET_DEPLOYMENT_ENVIRONMENT", step.Deployment);
        }
    }
}
