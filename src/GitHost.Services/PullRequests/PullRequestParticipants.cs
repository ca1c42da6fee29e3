using GitHost.Core.Failures;
using GitHost.Core.Paging;
using GitHost.Core.Permissions;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Data.Users;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Reviewers and review status. Adding or removing a reviewer needs write access and bumps the
/// version (the reviewer list is part of what a client edits); a status (approve, needs work,
/// unapprove) is set by each user for themselves, does not bump the version, and makes them a
/// participant if they were not one.
/// </summary>
public sealed class PullRequestParticipants(
    GitHostDbContext db,
    PullRequestAccess access,
    PullRequestReviewers reviewers,
    PullRequestActivities activities,
    PullRequestEvents events,
    PullRequestViews views,
    IMergeCheckInputs mergeInputs,
    EpochClock clock)
{
    public async Task<Page<ParticipantView>> ListAsync(
        Principal principal, string projectKey, string slug, long number, PageRequest page, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var view = await views.LoadAsync(target.PullRequest, cancellationToken);
        var all = view.AuthorParticipant is { } author ? [author, .. view.Participants] : view.Participants;
        return Page<ParticipantView>.From(all, page);
    }

    /// <summary><c>POST .../participants</c> with role REVIEWER (PARTICIPANT is accepted too); AUTHOR is refused.</summary>
    public async Task<ParticipantView> AddAsync(
        Principal principal, string projectKey, string slug, long number, string? userName, ParticipantRole role, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        PullRequestAccess.DemandLevel(target, Permission.RepoWrite);
        if (role == ParticipantRole.Author)
        {
            throw GitHostException.Invalid("The author of a pull request cannot be added; add reviewers or participants.", "role");
        }

        var pullRequest = target.PullRequest;
        EnsureOpen(pullRequest, "changed");
        var user = (await reviewers.ResolveAsync([userName ?? ""], target.Repository, pullRequest.AuthorId, cancellationToken))[0];
        var row = await db.PullRequestParticipants.FirstOrDefaultAsync(p => p.PullRequestId == pullRequest.Id && p.UserId == user.Id, cancellationToken);
        if (row is not null && (row.Role == role || row.Role == ParticipantRole.Reviewer))
        {
            return new ParticipantView(row, user);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (row is null)
        {
            row = new PullRequestParticipantEntity { PullRequestId = pullRequest.Id, UserId = user.Id, Role = role };
            db.PullRequestParticipants.Add(row);
        }
        else
        {
            row.Role = role;
        }

        await PullRequestWatching.EnsureWatchingAsync(db, pullRequest.Id, user.Id, cancellationToken);
        if (role == ParticipantRole.Reviewer)
        {
            PullRequestVersions.Bump(pullRequest, clock.NowMs());
            activities.Record(pullRequest, principal.UserId, PullRequestAction.Updated, new { addedReviewers = new[] { user.Id } });
        }

        await PullRequestVersions.SaveAsync(db, pullRequest, pullRequest.Version, cancellationToken);
        if (role == ParticipantRole.Reviewer)
        {
            await events.AddAsync(PullRequestEvents.ReviewerUpdated, principal, await views.LoadAsync(pullRequest, cancellationToken), new Dictionary<string, object?>
            {
                ["addedReviewers"] = new[] { events.Subjects.User(user) },
                ["removedReviewers"] = Array.Empty<object>(),
            }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ParticipantView(row, user);
    }

    /// <summary>
    /// <c>DELETE .../participants/{userSlug}</c>, or Bitbucket's older <c>DELETE .../participants?username=</c>
    /// (<paramref name="byUserName"/>): a reviewer becomes a participant (keeping any status); 404 for someone not on the pull request.
    /// </summary>
    public async Task RemoveReviewerAsync(
        Principal principal, string projectKey, string slug, long number, string userSlug, bool byUserName, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        PullRequestAccess.DemandLevel(target, Permission.RepoWrite);
        var pullRequest = target.PullRequest;
        EnsureOpen(pullRequest, "changed");
        var (row, user) = await FindParticipantAsync(pullRequest, userSlug, byUserName, cancellationToken);
        if (row.Role != ParticipantRole.Reviewer)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        row.Role = ParticipantRole.Participant;
        PullRequestVersions.Bump(pullRequest, clock.NowMs());
        activities.Record(pullRequest, principal.UserId, PullRequestAction.Updated, new { removedReviewers = new[] { user.Id } });
        await PullRequestVersions.SaveAsync(db, pullRequest, pullRequest.Version, cancellationToken);
        await events.AddAsync(PullRequestEvents.ReviewerUpdated, principal, await views.LoadAsync(pullRequest, cancellationToken), new Dictionary<string, object?>
        {
            ["addedReviewers"] = Array.Empty<object>(),
            ["removedReviewers"] = new[] { events.Subjects.User(user) },
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// <c>PUT .../participants/{userSlug}</c> (and the older <c>/approve</c>): the caller's own status.
    /// APPROVED and NEEDS_WORK record the source head as reviewed; a <paramref name="lastReviewedCommit"/>
    /// other than the current head means the caller reviewed an older state (409).
    /// </summary>
    public async Task<ParticipantView> SetStatusAsync(
        Principal principal, string projectKey, string slug, long number, string? userSlug, ParticipantStatus status, string? lastReviewedCommit,
        CancellationToken cancellationToken)
    {
        var userId = PullRequestAccess.DemandUser(principal);
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        var pullRequest = target.PullRequest;
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        if (userSlug is not null && !string.Equals(userSlug, user.Slug, StringComparison.OrdinalIgnoreCase))
        {
            throw GitHostException.Invalid("You can only change your own review status.", "userSlug");
        }

        if (userId == pullRequest.AuthorId)
        {
            throw GitHostException.Invalid("The author of a pull request cannot approve it or ask for changes on it.", "status");
        }

        EnsureOpen(pullRequest, "reviewed");
        if (lastReviewedCommit is not null && lastReviewedCommit != pullRequest.FromCommit)
        {
            throw new GitHostException(FailureKind.Conflict,
                $"The pull request's source has moved on since {lastReviewedCommit}: review its latest changes ({pullRequest.FromCommit}) first.",
                "lastReviewedCommit", PullRequestFailures.OutOfDate);
        }

        var row = await db.PullRequestParticipants.FirstOrDefaultAsync(p => p.PullRequestId == pullRequest.Id && p.UserId == userId, cancellationToken);
        var previous = row?.Status ?? ParticipantStatus.Unapproved;
        if (row is not null && previous == status)
        {
            return new ParticipantView(row, user);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (row is null)
        {
            row = new PullRequestParticipantEntity { PullRequestId = pullRequest.Id, UserId = userId, Role = ParticipantRole.Participant };
            db.PullRequestParticipants.Add(row);
            await PullRequestWatching.EnsureWatchingAsync(db, pullRequest.Id, userId, cancellationToken);
        }

        row.Status = status;
        if (status != ParticipantStatus.Unapproved)
        {
            row.LastReviewedCommit = pullRequest.FromCommit;
        }

        var action = status switch
        {
            ParticipantStatus.Approved => PullRequestAction.Approved,
            ParticipantStatus.NeedsWork => PullRequestAction.Reviewed,
            _ => PullRequestAction.Unapproved,
        };
        activities.Record(pullRequest, userId, action, new { previousStatus = StatusName(previous), status = StatusName(status) });
        await db.SaveChangesAsync(cancellationToken);
        var participant = new ParticipantView(row, user);
        var eventKey = status switch
        {
            ParticipantStatus.Approved => PullRequestEvents.ReviewerApproved,
            ParticipantStatus.NeedsWork => PullRequestEvents.ReviewerNeedsWork,
            _ => PullRequestEvents.ReviewerUnapproved,
        };
        await events.AddAsync(eventKey, principal, await views.LoadAsync(pullRequest, cancellationToken), new Dictionary<string, object?>
        {
            ["participant"] = events.Subjects.Participant(participant),
            ["previousStatus"] = StatusName(previous),
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await mergeInputs.PullRequestChangedAsync(pullRequest.Id, cancellationToken);
        return participant;
    }

    public static string StatusName(ParticipantStatus status) => status switch
    {
        ParticipantStatus.Approved => "APPROVED",
        ParticipantStatus.NeedsWork => "NEEDS_WORK",
        _ => "UNAPPROVED",
    };

    private async Task<(PullRequestParticipantEntity Row, UserEntity User)> FindParticipantAsync(
        PullRequestEntity pullRequest, string userSlug, bool byUserName, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        var user = byUserName
            ? await users.FirstOrDefaultAsync(u => u.NormalizedUserName == userSlug.ToUpperInvariant(), cancellationToken)
            : await users.FirstOrDefaultAsync(u => u.Slug == userSlug.ToLowerInvariant(), cancellationToken);

        // Tracked on its own: AsNoTracking anywhere in a query (a join with users) would untrack the row too.
        var row = user is null ? null
            : await db.PullRequestParticipants.FirstOrDefaultAsync(p => p.PullRequestId == pullRequest.Id && p.UserId == user.Id, cancellationToken);
        return row is null
            ? throw new GitHostException(FailureKind.NotFound, $"{userSlug} is not a participant of this pull request.", byUserName ? "username" : "userSlug", BitbucketExceptionNames.NoSuchUser)
            : (row, user!);
    }

    private static void EnsureOpen(PullRequestEntity pullRequest, string action)
    {
        if (pullRequest.State != PullRequestState.Open)
        {
            throw PullRequestFailures.NotOpen(action, pullRequest.State);
        }
    }
}
