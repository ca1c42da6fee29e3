using GitHost.Data;
using GitHost.Data.Pipelines;
using GitHost.Services.Pipelines.Runners;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.Pipelines;

/// <summary>
/// Two steps of a parallel group ending at once (two runners, or two nodes): each decides from a view where the other
/// still runs. The second to save must decide again, or the pipeline stays running with every step done.
/// </summary>
public sealed class StepEndRaceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Two_steps_ending_between_each_others_read_and_save_end_the_pipeline_once(DatabaseProvider provider)
    {
        var interleave = new EndAnotherStepBeforeSave();
        await using var server = await GitHostTestServer.StartAsync(provider, Ct, configureServices: s => s.AddSingleton<IInterceptor>(interleave));
        using var repo = await PipelineRepo.CreateAsync(server, "ERACE", "ends", Ct);
        await repo.PushAsync("""
            pipelines:
              default:
                - parallel:
                    - step:
                        name: Left
                        script: [echo left]
                    - step:
                        name: Right
                        script: [echo right]
                - step:
                    name: After
                    script: [echo after]
            """, "two at once, then one", Ct);
        await repo.WaitForPipelineAsync(1, Ct);
        var steps = await server.WithDatabaseAsync(db => db.PipelineSteps
            .Where(s => db.Pipelines.Any(p => p.Id == s.PipelineId && p.RepositoryId == repo.Id)).OrderBy(s => s.Index).Select(s => s.Id).ToListAsync(Ct));
        // As if two runners had claimed the group's steps.
        await server.WithDatabaseAsync(db => db.PipelineSteps.Where(s => s.Id == steps[0] || s.Id == steps[1])
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, PipelineStepState.Running).SetProperty(x => x.StartedDate, 1L), Ct));

        interleave.Arm(server.Services, steps[1]);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StepReports>().EndAsync(steps[0], PipelineStepState.Successful, 0, null, Ct);
        }

        Assert.True(interleave.Interleaved, "the other step ended between this one's read and its save");
        var (pipeline, states) = await server.WithDatabaseAsync(async db =>
        {
            var row = await db.Pipelines.AsNoTracking().SingleAsync(p => p.RepositoryId == repo.Id, Ct);
            var all = await db.PipelineSteps.AsNoTracking().Where(s => s.PipelineId == row.Id).OrderBy(s => s.Index).Select(s => s.State).ToListAsync(Ct);
            return (row, all);
        });
        Assert.Equal([PipelineStepState.Successful, PipelineStepState.Successful, PipelineStepState.Ready], states);
        Assert.Equal(PipelineState.Running, pipeline.State);
        Assert.Equal(2, pipeline.Version);
        Assert.Single(server.Logs.Lines, l => l.Contains("step \"Left\" ended Successful", StringComparison.Ordinal));
        Assert.Single(server.Logs.Lines, l => l.Contains("step \"Right\" ended Successful", StringComparison.Ordinal));
    }

    /// <summary>Once armed, the first save that ends a step first ends another step in a scope of its own, and lets it save.</summary>
    private sealed class EndAnotherStepBeforeSave : SaveChangesInterceptor
    {
        private IServiceProvider? _services;
        private long _otherStep;
        private int _armed;

        public bool Interleaved { get; private set; }

        public void Arm(IServiceProvider services, long otherStep)
        {
            _services = services;
            _otherStep = otherStep;
            Volatile.Write(ref _armed, 1);
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var endsAStep = eventData.Context!.ChangeTracker.Entries<PipelineStepEntity>()
                .Any(e => e.State == EntityState.Modified && e.Entity.Id != _otherStep && e.Entity.State == PipelineStepState.Successful);
            if (endsAStep && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                await using var scope = _services!.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<StepReports>().EndAsync(_otherStep, PipelineStepState.Successful, 0, null, cancellationToken);
                Interleaved = true;
            }

            return await base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
