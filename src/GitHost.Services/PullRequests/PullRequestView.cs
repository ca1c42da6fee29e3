using GitHost.Data.PullRequests;
using GitHost.Data.Users;
using GitHost.Services.Repositories;

namespace GitHost.Services.PullRequests;

/// <summary>A pull request with everything its wire form needs: both repositories, the people, the counts.</summary>
public sealed class PullRequestView
{
    public required PullRequestEntity PullRequest { get; init; }

    public required RepositoryDetails Target { get; init; }

    public required RepositoryDetails Source { get; init; }

    /// <summary>Null when the author's account was deleted.</summary>
    public UserEntity? Author { get; init; }

    /// <summary>Everyone but the author, reviewers first (then by name).</summary>
    public required IReadOnlyList<ParticipantView> Participants { get; init; }

    public ParticipantView? AuthorParticipant { get; init; }

    public int CommentCount { get; init; }

    public int OpenTaskCount { get; init; }

    public int ResolvedTaskCount { get; init; }
}

/// <summary>A participant row with its user.</summary>
public sealed record ParticipantView(PullRequestParticipantEntity Participant, UserEntity User);
