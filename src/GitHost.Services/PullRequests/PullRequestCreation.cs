using GitHost.Services.PullRequests.Listing;
using GitHost.Core.Failures;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Data;
using GitHost.Data.PullRequests;
using GitHost.Data.Users;
using GitHost.Services.Common;
using GitHost.Services.Permissions;
using GitHost.Services.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.PullRequests;

/// <summary>
/// Opens a pull request, with Bitbucket's checks in its order: both repositories readable and of
/// one hierarchy, the refs exist, not the same ref, something to merge, no open pull request for the
/// same refs, valid reviewers. The row, its participants, the OPENED activity and the
/// <c>pr:opened</c> event commit together; the number is the repository's next one.
/// </summary>
public sealed partial class PullRequestCreation(
    GitHostDbContext db,
    RepositoryLookup repositories,
    PullRequestGit git,
    PullRequestReviewers reviewers,
    IDefaultReviewers defaultReviewers,
    PullRequestActivities activities,
    PullRequestEvents events,
    PullRequestViews views,
    EpochClock clock,
    ILogger<PullRequestCreation> logger)
{
    private const int NumberAttempts = 5;

    public async Task<PullRequestView> CreateAsync(
        Principal principal, string projectKey, string slug, CreatePullRequest command, CancellationToken cancellationToken)
    {
        var authorId = PullRequestAccess.DemandUser(principal);
        var target = await repositories.FindVisibleAsync(principal, projectKey, slug, cancellationToken);
        if (target.Repository.Archived)
        {
            throw new GitHostException(FailureKind.Conflict, $"{target.Project.Key}/{target.Repository.Slug} is archived: no pull requests can be opened.",
                exceptionName: PullRequestFailures.Archived);
        }

        var title = PullRequestTexts.Title(command.Title);
        var description = PullRequestTexts.Description(command.Description);
        var toRef = PullRequestRefs.TargetBranch(command.ToRef?.Id);
        if (command.ToRef is { ProjectKey: { } toKey, Slug: { } toSlug }
            && (!toKey.Equals(target.Project.Key, StringComparison.OrdinalIgnoreCase) || !toSlug.Equals(target.Repository.Slug, StringComparison.OrdinalIgnoreCase)))
        {
            throw GitHostException.Invalid("toRef.repository must be the repository in the URL: a pull request is created in its target repository.", "toRef");
        }

        var source = await SourceRepositoryAsync(principal, target, command.FromRef, cancellationToken);
        var (fromRef, fromCommit) = ResolveSource(source, command.FromRef?.Id);
        var toCommit = git.Resolve(target.Repository.Id, toRef) ?? throw NoSuchRef(toRef, target);
        if (source.Repository.Id == target.Repository.Id && fromRef == toRef)
        {
            throw new GitHostException(FailureKind.Conflict, "The source and target of a pull request must differ: choose another branch to merge into.",
                "fromRef", PullRequestFailures.SameRef);
        }

        if (source.Repository.Id != target.Repository.Id)
        {
            await git.FetchFromForkAsync(target.Repository.Id, source.Repository.Id, fromCommit, cancellationToken);
        }

        if (await git.IsAncestorAsync(target.Repository.Id, fromCommit, toCommit, cancellationToken))
        {
            throw new GitHostException(FailureKind.Conflict,
                $"Nothing to merge: every commit of {PullRequestRefs.DisplayId(fromRef)} is already on {PullRequestRefs.DisplayId(toRef)}.",
                exceptionName: PullRequestFailures.Empty);
        }

        await EnsureNoDuplicateAsync(target.Repository.Id, source.Repository.Id, fromRef, toRef, cancellationToken);
        var named = await reviewers.ResolveAsync(command.Reviewers, target, authorId, cancellationToken);
        var defaults = await defaultReviewers.ForAsync(target, source, fromRef, toRef, authorId, cancellationToken);
        var reviewerUsers = named.Concat(defaults.Where(d => d.Id != authorId && named.All(n => n.Id != d.Id))).ToList();
        var pullRequest = await InsertAsync(principal, target, reviewerUsers, new PullRequestEntity
        {
            RepositoryId = target.Repository.Id,
            Title = title,
            Description = description,
            Draft = command.Draft,
            AuthorId = authorId,
            FromRepositoryId = source.Repository.Id,
            FromRef = fromRef,
            FromCommit = fromCommit,
            ToRef = toRef,
            ToCommit = toCommit,
        }, cancellationToken);
        Log.Opened(logger, pullRequest.Number, target.Repository.Id, authorId);
        return await views.LoadAsync(pullRequest, cancellationToken);
    }

    private async Task<RepositoryWithProject> SourceRepositoryAsync(
        Principal principal, RepositoryWithProject target, RefSpecifier? fromRef, CancellationToken cancellationToken)
    {
        if (fromRef is not { ProjectKey: { } key, Slug: { } slug }
            || key.Equals(target.Project.Key, StringComparison.OrdinalIgnoreCase) && slug.Equals(target.Repository.Slug, StringComparison.OrdinalIgnoreCase))
        {
            return target;
        }

        var source = await repositories.FindVisibleAsync(principal, key, slug, cancellationToken);
        return source.Repository.HierarchyId == target.Repository.HierarchyId
            ? source
            : throw GitHostException.Invalid(
                $"{source.Project.Key}/{source.Repository.Slug} is not a fork of {target.Project.Key}/{target.Repository.Slug} (nor its origin): pull requests go between related repositories.",
                "fromRef");
    }

    private (string Ref, string Commit) ResolveSource(RepositoryWithProject source, string? id)
    {
        var candidates = PullRequestRefs.SourceCandidates(id);
        foreach (var candidate in candidates)
        {
            if (git.Resolve(source.Repository.Id, candidate) is { } commit)
            {
                return (candidate, commit);
            }
        }

        throw NoSuchRef(candidates[0], source);
    }

    private async Task EnsureNoDuplicateAsync(long targetId, long sourceId, string fromRef, string toRef, CancellationToken cancellationToken)
    {
        var existing = await db.PullRequests.AsNoTracking().FirstOrDefaultAsync(p =>
            p.RepositoryId == targetId && p.FromRepositoryId == sourceId && p.FromRef == fromRef && p.ToRef == toRef && p.State == PullRequestState.Open,
            cancellationToken);
        if (existing is not null)
        {
            throw new GitHostException(FailureKind.Conflict,
                $"Only one pull request may be open for a given source and target branch: #{existing.Number} is already open.",
                exceptionName: PullRequestFailures.Duplicate)
            {
                Extra = new Dictionary<string, object?> { ["existingPullRequest"] = events.Subjects.PullRequest(await views.LoadAsync(existing, cancellationToken)) },
            };
        }
    }

    /// <summary>
    /// Takes the repository's next number inside a transaction that holds the repository row's lock;
    /// should another pull request still take the number first, the unique index refuses the loser,
    /// which starts over with the next one.
    /// </summary>
    private async Task<PullRequestEntity> InsertAsync(
        Principal principal, RepositoryWithProject target, IReadOnlyList<UserEntity> reviewerUsers,
        PullRequestEntity pullRequest, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // Moving the list stamp locks the repository's row until commit, so opens in one repository
            // queue for the next number instead of all reading the same maximum and colliding on the
            // unique index (under read committed each loser would only see the winner after it committed).
            await PullRequestListStamp.BumpAsync(db, target.Repository.Id, cancellationToken);
            var now = clock.NowMs();
            pullRequest.Id = 0;
            pullRequest.Number = (await db.PullRequests.Where(p => p.RepositoryId == target.Repository.Id).MaxAsync(p => (long?)p.Number, cancellationToken) ?? 0) + 1;
            pullRequest.CreatedDate = now;
            pullRequest.UpdatedDate = now;
            db.PullRequests.Add(pullRequest);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                continue;
            }

            db.PullRequestParticipants.Add(new PullRequestParticipantEntity { PullRequestId = pullRequest.Id, UserId = pullRequest.AuthorId, Role = ParticipantRole.Author });
            db.PullRequestWatchers.Add(new PullRequestWatcherEntity { PullRequestId = pullRequest.Id, UserId = pullRequest.AuthorId });
            foreach (var reviewer in reviewerUsers)
            {
                db.PullRequestParticipants.Add(new PullRequestParticipantEntity { PullRequestId = pullRequest.Id, UserId = reviewer.Id, Role = ParticipantRole.Reviewer });
                db.PullRequestWatchers.Add(new PullRequestWatcherEntity { PullRequestId = pullRequest.Id, UserId = reviewer.Id });
            }

            activities.Record(pullRequest, pullRequest.AuthorId, PullRequestAction.Opened);
            await db.SaveChangesAsync(cancellationToken);
            await events.AddAsync(PullRequestEvents.Opened, principal, await views.LoadAsync(pullRequest, cancellationToken), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            // Before the commit: a pull request never exists without the hidden ref that keeps its
            // source commits (a fork's) in this repository.
            await git.PublishFromRefAsync(target.Repository.Id, pullRequest.Number, pullRequest.FromCommit, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return pullRequest;
        }
    }

    private static GitHostException NoSuchRef(string fullRef, RepositoryWithProject repository) =>
        new(FailureKind.NotFound,
            $"{PullRequestRefs.DisplayId(fullRef)} does not exist in {repository.Project.Key}/{repository.Repository.Slug}.",
            exceptionName: PullRequestFailures.NoSuchRef);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Pull request {Number} opened in {RepositoryId} by {UserId}")]
        public static partial void Opened(ILogger logger, long number, long repositoryId, long userId);
    }
}
