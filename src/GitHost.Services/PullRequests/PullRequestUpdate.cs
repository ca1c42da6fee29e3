using GitHost.Core.Failures;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Data.Users;
using GitHost.Services.Common;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.PullRequests;

/// <summary>
/// <c>PUT .../pull-requests/{id}</c>: title, description, draft, target branch and the reviewer list
/// (which replaces the current one, as Bitbucket clients expect), at the version the client read.
/// One UPDATED activity and the <c>pr:modified</c> / <c>pr:reviewer:updated</c> events for what changed.
/// </summary>
public sealed class PullRequestUpdate(
    GitHostDbContext db,
    PullRequestAccess access,
    PullRequestGit git,
    PullRequestReviewers reviewers,
    PullRequestActivities activities,
    PullRequestEvents events,
    PullRequestViews views,
    EpochClock clock)
{
    public async Task<PullRequestView> UpdateAsync(
        Principal principal, string projectKey, string slug, long number, UpdatePullRequest command, CancellationToken cancellationToken)
    {
        var target = await access.FindAsync(principal, projectKey, slug, number, cancellationToken);
        PullRequestAccess.DemandEditor(principal, target);
        var pullRequest = target.PullRequest;
        PullRequestVersions.Demand(PullRequestVersions.Required(command.Version), pullRequest);
        if (pullRequest.State != PullRequestState.Open)
        {
            throw PullRequestFailures.NotOpen("updated", pullRequest.State);
        }

        var previous = new { pullRequest.Title, pullRequest.Description, pullRequest.Draft, pullRequest.ToRef, pullRequest.ToCommit };
        if (command.Title is not null)
        {
            pullRequest.Title = PullRequestTexts.Title(command.Title);
        }

        if (command.Description is not null)
        {
            pullRequest.Description = PullRequestTexts.Description(command.Description);
        }

        if (command.Draft is { } draft)
        {
            pullRequest.Draft = draft;
        }

        if (command.ToRef?.Id is { } toId)
        {
            await RetargetAsync(target, PullRequestRefs.TargetBranch(toId), cancellationToken);
        }

        var (added, removed) = command.Reviewers is null
            ? ([], [])
            : await ReplaceReviewersAsync(target, await reviewers.ResolveAsync(command.Reviewers, target.Repository, pullRequest.AuthorId, cancellationToken), cancellationToken);
        var modified = previous.Title != pullRequest.Title || previous.Description != pullRequest.Description
            || previous.Draft != pullRequest.Draft || previous.ToRef != pullRequest.ToRef;
        if (!modified && added.Count == 0 && removed.Count == 0)
        {
            return await views.LoadAsync(pullRequest, cancellationToken);
        }

        // The change and its events commit together; the events need the saved participants to describe the pull request.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        PullRequestVersions.Bump(pullRequest, clock.NowMs());
        activities.Record(pullRequest, principal.UserId, PullRequestAction.Updated, new
        {
            previousTitle = previous.Title != pullRequest.Title ? previous.Title : null,
            previousDescription = previous.Description != pullRequest.Description ? previous.Description : null,
            previousToRef = previous.ToRef != pullRequest.ToRef ? previous.ToRef : null,
            previousDraft = previous.Draft != pullRequest.Draft ? previous.Draft : (bool?)null,
            addedReviewers = added.Select(u => u.Id).ToList(),
            removedReviewers = removed.Select(u => u.Id).ToList(),
        });
        await PullRequestVersions.SaveAsync(db, pullRequest, command.Version, cancellationToken);
        var view = await views.LoadAsync(pullRequest, cancellationToken);
        if (modified)
        {
            await events.AddAsync(PullRequestEvents.Modified, principal, view, new Dictionary<string, object?>
            {
                ["previousTitle"] = previous.Title,
                ["previousDescription"] = previous.Description,
                ["previousTarget"] = new
                {
                    id = previous.ToRef,
                    displayId = PullRequestRefs.DisplayId(previous.ToRef),
                    type = "BRANCH",
                    latestCommit = previous.ToCommit,
                },
                ["previousDraft"] = previous.Draft,
            }, cancellationToken);
        }

        if (added.Count > 0 || removed.Count > 0)
        {
            await events.AddAsync(PullRequestEvents.ReviewerUpdated, principal, view, new Dictionary<string, object?>
            {
                ["addedReviewers"] = added.Select(events.Subjects.User).ToList(),
                ["removedReviewers"] = removed.Select(events.Subjects.User).ToList(),
            }, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return view;
    }

    private async Task RetargetAsync(PullRequestTarget target, string toRef, CancellationToken cancellationToken)
    {
        var pullRequest = target.PullRequest;
        if (toRef == pullRequest.ToRef)
        {
            return;
        }

        var toCommit = git.Resolve(pullRequest.RepositoryId, toRef)
            ?? throw new GitHostException(FailureKind.NotFound, $"{PullRequestRefs.DisplayId(toRef)} does not exist in this repository.", "toRef", PullRequestFailures.NoSuchRef);
        if (pullRequest.FromRepositoryId == pullRequest.RepositoryId && toRef == pullRequest.FromRef)
        {
            throw new GitHostException(FailureKind.Conflict, "The source and target of a pull request must differ.", "toRef", PullRequestFailures.SameRef);
        }

        if (await db.PullRequests.AnyAsync(p => p.Id != pullRequest.Id && p.RepositoryId == pullRequest.RepositoryId && p.FromRepositoryId == pullRequest.FromRepositoryId
                && p.FromRef == pullRequest.FromRef && p.ToRef == toRef && p.State == PullRequestState.Open, cancellationToken))
        {
            throw new GitHostException(FailureKind.Conflict, "Another open pull request already merges this source into that branch.", "toRef", PullRequestFailures.Duplicate);
        }

        if (await git.IsAncestorAsync(pullRequest.RepositoryId, pullRequest.FromCommit, toCommit, cancellationToken))
        {
            throw new GitHostException(FailureKind.Conflict,
                $"Nothing to merge: every commit of {PullRequestRefs.DisplayId(pullRequest.FromRef)} is already on {PullRequestRefs.DisplayId(toRef)}.",
                "toRef", PullRequestFailures.Empty);
        }

        pullRequest.ToRef = toRef;
        pullRequest.ToCommit = toCommit;
    }

    /// <summary>New reviewers join (or are promoted from participant); dropped ones stay as participants when they reviewed, else leave.</summary>
    private async Task<(List<UserEntity> Added, List<UserEntity> Removed)> ReplaceReviewersAsync(
        PullRequestTarget target, IReadOnlyList<UserEntity> wanted, CancellationToken cancellationToken)
    {
        var pullRequest = target.PullRequest;
        var rows = await db.PullRequestParticipants.Where(p => p.PullRequestId == pullRequest.Id).ToListAsync(cancellationToken);
        var wantedIds = wanted.Select(u => u.Id).ToHashSet();
        var added = new List<UserEntity>();
        foreach (var user in wanted)
        {
            var row = rows.FirstOrDefault(r => r.UserId == user.Id);
            if (row is { Role: ParticipantRole.Reviewer })
            {
                continue;
            }

            added.Add(user);
            if (row is null)
            {
                db.PullRequestParticipants.Add(new PullRequestParticipantEntity { PullRequestId = pullRequest.Id, UserId = user.Id, Role = ParticipantRole.Reviewer });
            }
            else
            {
                row.Role = ParticipantRole.Reviewer;
            }

            await PullRequestWatching.EnsureWatchingAsync(db, pullRequest.Id, user.Id, cancellationToken);
        }

        var removedIds = rows.Where(r => r.Role == ParticipantRole.Reviewer && !wantedIds.Contains(r.UserId)).ToList();
        foreach (var row in removedIds)
        {
            if (row.Status == ParticipantStatus.Unapproved)
            {
                db.PullRequestParticipants.Remove(row);
            }
            else
            {
                row.Role = ParticipantRole.Participant;
            }
        }

        var ids = removedIds.Select(r => r.UserId).ToList();
        var removed = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken);
        return (added, removed);
    }
}
