using System.Net;
using System.Net.Http.Json;
using GitHost.Core.PullRequests;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Server.Tests.GitHttp;
using GitHost.Services.PullRequests.AutoDecline;
using GitHost.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace GitHost.Server.Tests.PullRequests.AutoDecline;

/// <summary>
/// The auto-decline pass, run with a clock the test moves: it declines exactly the open pull requests
/// whose last update is older than the period in force for their repository, as the system, with the
/// activity, webhook event and audit record of a manual decline.
/// </summary>
public sealed class AutoDeclineJobTests(ServerPerProvider servers) : IClassFixture<ServerPerProvider>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [AllDatabases]
    public async Task Only_pull_requests_inactive_longer_than_their_effective_setting_are_declined(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        using var inherit = await PullRequestRepo.CreateAsync(server, "ADJ", "inherit", Ct);
        using var off = await PullRequestRepo.CreateAsync(server, "ADJ", "off", Ct);
        using var longer = await PullRequestRepo.CreateAsync(server, "ADJ", "longer", Ct);
        using var unset = await PullRequestRepo.CreateAsync(server, "ADN", "unset", Ct);
        foreach (var repo in new[] { inherit, off, longer, unset })
        {
            await repo.OpenAsync(admin, Ct);
        }

        await inherit.PushAsync("fresh", "recent work", Ct);
        await inherit.OpenAsync(admin, Ct, from: "fresh", title: "Recently updated");
        await (await admin.PutAsJsonAsync("/rest/api/1.0/projects/ADJ/settings/auto-decline", new { enabled = true, inactivityWeeks = 4 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PutAsJsonAsync(off.Api + "/settings/auto-decline", new { enabled = false }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        await (await admin.PutAsJsonAsync(longer.Api + "/settings/auto-decline", new { enabled = true, inactivityWeeks = 8 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        var clock = new ManualClock(DateTimeOffset.UtcNow.AddDays(7 * 5));
        // "Recently updated" was touched a week before the clock's now: inside its four weeks.
        await server.WithDatabaseAsync(db => db.PullRequests.Where(p => p.RepositoryId == inherit.Id && p.Number == 2)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedDate, clock.GetUtcNow().AddDays(-7).ToUnixTimeMilliseconds()), Ct));
        var sweep = Sweep(server, clock);

        var firstPass = await sweep.RunAsync(Ct);
        var afterFirst = await StatesAsync(server);
        clock.Advance(TimeSpan.FromDays(7 * 4));
        var secondPass = await sweep.RunAsync(Ct);
        var afterSecond = await StatesAsync(server);
        var thirdPass = await sweep.RunAsync(Ct);

        Assert.Equal(1, firstPass);
        Assert.Equal(PullRequestState.Declined, afterFirst[(inherit.Id, 1)]);
        Assert.Equal(PullRequestState.Open, afterFirst[(inherit.Id, 2)]);
        Assert.Equal(PullRequestState.Open, afterFirst[(off.Id, 1)]);
        Assert.Equal(PullRequestState.Open, afterFirst[(longer.Id, 1)]);
        Assert.Equal(PullRequestState.Open, afterFirst[(unset.Id, 1)]);
        // Nine weeks on: the eight-week repository and the week-old pull request are now due; off and unset never are.
        Assert.Equal(2, secondPass);
        Assert.Equal(PullRequestState.Declined, afterSecond[(inherit.Id, 2)]);
        Assert.Equal(PullRequestState.Declined, afterSecond[(longer.Id, 1)]);
        Assert.Equal(PullRequestState.Open, afterSecond[(off.Id, 1)]);
        Assert.Equal(PullRequestState.Open, afterSecond[(unset.Id, 1)]);
        Assert.Equal(0, thirdPass);
    }

    [Theory]
    [AllDatabases]
    public async Task An_auto_decline_is_recorded_like_a_manual_one_with_the_system_as_actor(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        using var admin = server.AdminClient();
        using var repo = await PullRequestRepo.CreateAsync(server, "ADR", "recorded", Ct);
        await repo.OpenAsync(admin, Ct, title: "Forgotten");
        await (await admin.PutAsJsonAsync(repo.Api + "/settings/auto-decline", new { enabled = true, inactivityWeeks = 1 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var declinedEventsBefore = await server.WithDatabaseAsync(db => db.OutboxMessages.CountAsync(m => m.EventKey == "pr:declined", Ct));

        var declined = await Sweep(server, new ManualClock(DateTimeOffset.UtcNow.AddDays(8))).RunAsync(Ct);

        var pullRequest = await (await admin.GetAsync(repo.PullRequests + "/1", Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var activity = await server.WithDatabaseAsync(db => db.PullRequestActivities.AsNoTracking()
            .Where(a => a.Action == PullRequestAction.Declined && db.PullRequests.Any(p => p.Id == a.PullRequestId && p.RepositoryId == repo.Id))
            .ToListAsync(Ct));
        var events = await server.WithDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.EventKey == "pr:declined").OrderBy(m => m.Id).ToListAsync(Ct));
        var audit = await server.WithDatabaseAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.RepositoryId == repo.Id && e.Action == "pull-request.declined").ToListAsync(Ct));

        Assert.Equal(1, declined);
        Assert.Equal("DECLINED", pullRequest.GetProperty("state").GetString());
        Assert.Equal(1, pullRequest.GetProperty("version").GetInt32());
        var declinedActivity = Assert.Single(activity);
        Assert.Null(declinedActivity.UserId);
        Assert.Equal(declinedEventsBefore + 1, events.Count);
        Assert.Null(events[^1].ActorUserId);
        Assert.Contains("Forgotten", events[^1].Payload, StringComparison.Ordinal);
        var record = Assert.Single(audit);
        Assert.Null(record.ActorUserId);
        Assert.Equal("System", record.Method);
    }

    [Fact]
    public async Task A_recent_comment_keeps_a_pull_request_open()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        using var repo = await PullRequestRepo.CreateAsync(server, "ADC", "talked", Ct);
        await repo.OpenAsync(admin, Ct);
        await (await admin.PostAsJsonAsync(repo.PullRequests + "/1/comments", new { text = "Still on it" }, Ct)).ExpectAsync(HttpStatusCode.Created, Ct);
        await (await admin.PutAsJsonAsync(repo.Api + "/settings/auto-decline", new { enabled = true, inactivityWeeks = 1 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);
        var clock = new ManualClock(DateTimeOffset.UtcNow.AddDays(8));
        // The pull request itself is eight days old; the comment, three.
        await server.WithDatabaseAsync(db => db.PullRequestActivities
            .Where(a => a.Action == PullRequestAction.Commented && db.PullRequests.Any(p => p.Id == a.PullRequestId && p.RepositoryId == repo.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedDate, clock.GetUtcNow().AddDays(-3).ToUnixTimeMilliseconds()), Ct));

        await Sweep(server, clock).RunAsync(Ct);
        var kept = await server.WithDatabaseAsync(db => db.PullRequests.Where(p => p.RepositoryId == repo.Id).Select(p => p.State).SingleAsync(Ct));
        clock.Advance(TimeSpan.FromDays(5));
        await Sweep(server, clock).RunAsync(Ct);
        var declined = await server.WithDatabaseAsync(db => db.PullRequests.Where(p => p.RepositoryId == repo.Id).Select(p => p.State).SingleAsync(Ct));

        Assert.Equal(PullRequestState.Open, kept);
        Assert.Equal(PullRequestState.Declined, declined);
    }

    [Fact]
    public async Task A_project_that_switched_auto_decline_off_keeps_its_pull_requests_open()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var admin = server.AdminClient();
        using var repo = await PullRequestRepo.CreateAsync(server, "ADO", "quiet", Ct);
        await repo.OpenAsync(admin, Ct);
        await (await admin.PutAsJsonAsync("/rest/api/1.0/projects/ADO/settings/auto-decline", new { enabled = false, inactivityWeeks = 1 }, Ct)).ExpectAsync(HttpStatusCode.OK, Ct);

        await Sweep(server, new ManualClock(DateTimeOffset.UtcNow.AddDays(7 * 52))).RunAsync(Ct);

        var state = await server.WithDatabaseAsync(db => db.PullRequests.Where(p => p.RepositoryId == repo.Id).Select(p => p.State).SingleAsync(Ct));
        Assert.Equal(PullRequestState.Open, state);
    }

    [Fact]
    public async Task The_job_stops_promptly_when_the_host_stops()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var options = Options.Create(new AutoDeclineOptions { IntervalMinutes = 10_080 });
        using var job = new AutoDeclineJob(Sweep(server, TimeProvider.System), server.Services.GetRequiredService<GitHost.Services.Cluster.ClusterJobs>(), options, TimeProvider.System, NullLogger<AutoDeclineJob>.Instance);

        await job.StartAsync(Ct);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stopping.CancelAfter(TimeSpan.FromSeconds(30));
        await job.StopAsync(stopping.Token);

        Assert.NotNull(job.ExecuteTask);
        Assert.True(job.ExecuteTask.IsCompleted);
        Assert.False(stopping.IsCancellationRequested);
    }

    private static AutoDeclineSweep Sweep(GitHostTestServer server, TimeProvider clock) =>
        new(server.Services.GetRequiredService<IServiceScopeFactory>(), server.Services.GetRequiredService<IOptions<AutoDeclineOptions>>(),
            clock, NullLogger<AutoDeclineSweep>.Instance);

    private static Task<Dictionary<(long RepositoryId, long Number), PullRequestState>> StatesAsync(GitHostTestServer server) =>
        server.WithDatabaseAsync(db => db.PullRequests.AsNoTracking().ToDictionaryAsync(p => (p.RepositoryId, p.Number), p => p.State, Ct));
}
