using System.Net;
using System.Net.Http.Json;
using GitHost.Data;
using GitHost.Data.Outbox;
using GitHost.Server.Tests.TestData;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Server.Tests.Content.Refs;

/// <summary>
/// A REST ref change moves the ref before it saves its event: when the event cannot be saved, the
/// move is undone, so no branch appears, disappears or moves without a <c>repo:refs_changed</c>.
/// </summary>
public sealed class RefChangeEventFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task A_ref_change_whose_event_cannot_be_saved_is_undone(DatabaseProvider provider)
    {
        var failing = new FailingRefEventSave();
        await using var server = await GitHostTestServer.StartAsync(provider, Ct, configureServices: s => s.AddSingleton<IInterceptor>(failing));
        var repo = await RefsFixtureRepo.CreateAsync(server, "RFU", "undo", Ct);
        using var admin = server.AdminClient();
        failing.Armed = true;

        await (await admin.PostAsJsonAsync(repo.BranchUtils, new { name = "topic", startPoint = repo.Main }, Ct))
            .ExpectAsync(HttpStatusCode.InternalServerError, Ct);
        await (await BranchEndpointTests.Delete(admin, repo.BranchUtils, new { name = "feature/a", endPoint = repo.FeatureA }))
            .ExpectAsync(HttpStatusCode.InternalServerError, Ct);

        Assert.Equal(2, failing.Refused);
        var refs = await GitCli.RunAsync(
            server.RepositoryPath(repo.Id), ["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads"], Ct);
        Assert.Equal(0, refs.ExitCode);
        Assert.Equal(
            [$"refs/heads/feature/a {repo.FeatureA}", $"refs/heads/feature/b {repo.FeatureB}", $"refs/heads/main {repo.Main}"],
            refs.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(await BranchEndpointTests.RefEvents(server, repo.Id));

        failing.Armed = false;
        await (await admin.PostAsJsonAsync(repo.BranchUtils, new { name = "topic", startPoint = repo.Main }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        Assert.Single(await BranchEndpointTests.RefEvents(server, repo.Id));
    }

    /// <summary>Fails every save that carries a <c>repo:refs_changed</c> event while armed.</summary>
    private sealed class FailingRefEventSave : SaveChangesInterceptor
    {
        private int _refused;

        public volatile bool Armed;

        public int Refused => Volatile.Read(ref _refused);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var carriesRefEvent = eventData.Context!.ChangeTracker.Entries<OutboxMessageEntity>()
                .Any(e => e.State == EntityState.Added && e.Entity.EventKey == "repo:refs_changed");
            if (Armed && carriesRefEvent)
            {
                Interlocked.Increment(ref _refused);
                throw new DbUpdateException("The test refuses to save this ref change's event.");
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
