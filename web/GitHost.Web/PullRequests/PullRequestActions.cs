using GitHost.Core.Failures;
using GitHost.Core.PullRequests;
using GitHost.Core.Security;
using GitHost.Services.Comments;
using GitHost.Services.PullRequests;
using GitHost.Services.PullRequests.Merges;

namespace GitHost.Web.PullRequests;

/// <summary>What a pull request form asked for: why it could not be done, or the anchor (<c>#comment-12</c>) of what it made.</summary>
public sealed record PullRequestActionOutcome(string? Failure, string? Anchor = null);

/// <summary>
/// Carries out the pull request page's forms through the same services as the REST API, so the same
/// rules hold (who may review, merge checks, versions). A refusal the user can act on (a veto, a stale
/// version, an empty comment) comes back as a message for the page instead of an error page.
/// </summary>
public sealed class PullRequestActions(
    PullRequestComments comments,
    CommentSuggestions suggestions,
    PullRequestParticipants participants,
    PullRequestLifecycle lifecycle,
    PullRequestMerger merger)
{
    public async Task<PullRequestActionOutcome> RunAsync(
        Principal principal, string projectKey, string slug, long number, PullRequestInput input, CancellationToken cancellationToken)
    {
        try
        {
            string? anchor = null;
            switch (input.Action)
            {
                case "comment":
                    var created = await comments.CreateAsync(principal, projectKey, slug, number, Comment(input), input.Task, cancellationToken);
                    anchor = "#comment-" + created.Comment.Id;
                    break;
                case "apply-suggestion" when input.CommentId is { } commentId:
                    await suggestions.ApplyAsync(principal, projectKey, slug, number, commentId,
                        new ApplySuggestionCommand(input.CommentVersion, input.Version, input.SuggestionIndex, null), cancellationToken);
                    anchor = "#comment-" + commentId;
                    break;
                case "approve":
                    await participants.SetStatusAsync(principal, projectKey, slug, number, null, ParticipantStatus.Approved, input.Commit, cancellationToken);
                    break;
                case "needs-work":
                    await participants.SetStatusAsync(principal, projectKey, slug, number, null, ParticipantStatus.NeedsWork, input.Commit, cancellationToken);
                    break;
                case "unapprove":
                    await participants.SetStatusAsync(principal, projectKey, slug, number, null, ParticipantStatus.Unapproved, null, cancellationToken);
                    break;
                case "decline":
                    await lifecycle.DeclineAsync(principal, projectKey, slug, number, input.Version, cancellationToken);
                    break;
                case "reopen":
                    await lifecycle.ReopenAsync(principal, projectKey, slug, number, input.Version, cancellationToken);
                    break;
                case "merge":
                    await merger.MergeAsync(principal, projectKey, slug, number, new MergeCommand(input.Version, input.Text, StrategyId: input.Strategy), cancellationToken);
                    break;
                default:
                    return new PullRequestActionOutcome($"'{input.Action}' is not something this page can do.");
            }

            return new PullRequestActionOutcome(null, anchor);
        }
        catch (GitHostException failure) when (failure.Kind is FailureKind.Invalid or FailureKind.Conflict or FailureKind.Forbidden or FailureKind.Unauthorized)
        {
            return new PullRequestActionOutcome(failure.Message);
        }
    }

    private static CommentInput Comment(PullRequestInput input)
    {
        AnchorInput? anchor = null;
        if (!string.IsNullOrEmpty(input.Path))
        {
            var fileType = input.LineType == "REMOVED" ? "FROM" : "TO";
            anchor = new AnchorInput(input.Path, null, input.Line, input.LineType, fileType, null, null, null, null, null);
        }

        return new CommentInput(input.Text, input.ParentId, anchor, null, null, null, null);
    }
}
