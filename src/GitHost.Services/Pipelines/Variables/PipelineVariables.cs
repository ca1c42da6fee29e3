using GitHost.Core.Failures;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Services.Common;
using GitHost.Services.Pipelines.Runners;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Pipelines.Variables;

/// <summary>
/// Variables of the server, a project or a repository, managed by that place's admins. A secured value
/// is encrypted with Data Protection before it is stored and never leaves again except to a runner
/// (<see cref="StepEnvironment"/>); a variable once secured stays secured.
/// </summary>
public sealed class PipelineVariables(GitHostDbContext db, PipelineScopeAccess access, IDataProtectionProvider protection, EpochClock clock)
{
    public async Task<IReadOnlyList<PipelineVariableEntity>> ListAsync(Principal principal, PipelinePlace place, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await access.DemandAdminAsync(principal, place, cancellationToken);
        return await db.PipelineVariables.AsNoTracking().Where(v => v.ScopeType == scope && v.ScopeId == scopeId).OrderBy(v => v.Key).ToListAsync(cancellationToken);
    }

    public async Task<PipelineVariableEntity> CreateAsync(Principal principal, PipelinePlace place, PipelineVariableInput input, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await access.DemandAdminAsync(principal, place, cancellationToken);
        var key = input.ValidKey();
        var secured = input.Secured ?? false;
        var now = clock.NowMs();
        var variable = new PipelineVariableEntity
        {
            Uuid = Guid.NewGuid(), ScopeType = scope, ScopeId = scopeId, Key = key, Secured = secured,
            Value = Protect(input.ValidValue(), secured), CreatedDate = now, UpdatedDate = now,
        };
        db.PipelineVariables.Add(variable);
        await db.SaveOrConflictAsync(
            ct => db.PipelineVariables.AnyAsync(v => v.ScopeType == scope && v.ScopeId == scopeId && v.Key == key, ct),
            () => new GitHostException(FailureKind.Conflict, $"A variable {key} exists here already.", "key"), cancellationToken);
        return variable;
    }

    public async Task<PipelineVariableEntity> UpdateAsync(Principal principal, PipelinePlace place, string uuid, PipelineVariableInput input, CancellationToken cancellationToken)
    {
        var variable = await FindAsync(principal, place, uuid, cancellationToken);
        if (input.Key is not null && input.ValidKey() != variable.Key)
        {
            throw GitHostException.Invalid("A variable's key cannot change; delete it and create another.", "key");
        }

        if (input.Secured == false && variable.Secured)
        {
            throw GitHostException.Invalid("A secured variable stays secured.", "secured");
        }

        var secured = variable.Secured || input.Secured == true;
        if (input.Value is not null || secured != variable.Secured)
        {
            variable.Value = Protect(input.ValidValue(), secured);
            variable.Secured = secured;
        }

        variable.UpdatedDate = clock.NowMs();
        await db.SaveChangesAsync(cancellationToken);
        return variable;
    }

    public async Task DeleteAsync(Principal principal, PipelinePlace place, string uuid, CancellationToken cancellationToken)
    {
        db.PipelineVariables.Remove(await FindAsync(principal, place, uuid, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<PipelineVariableEntity> FindAsync(Principal principal, PipelinePlace place, string uuid, CancellationToken cancellationToken)
    {
        var (scope, scopeId) = await access.DemandAdminAsync(principal, place, cancellationToken);
        var id = PipelineIds.ParseUuid(uuid);
        return await db.PipelineVariables.FirstOrDefaultAsync(v => v.Uuid == id && v.ScopeType == scope && v.ScopeId == scopeId, cancellationToken)
            ?? throw new GitHostException(FailureKind.NotFound, $"Variable {uuid} does not exist here.");
    }

    private string Protect(string value, bool secured) =>
        secured ? protection.CreateProtector(StepEnvironment.ProtectionPurpose).Protect(value) : value;
}
