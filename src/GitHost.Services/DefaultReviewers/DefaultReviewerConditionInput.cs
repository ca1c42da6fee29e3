using GitHost.Core.Failures;
using GitHost.Core.RefMatching;
using GitHost.Services.Builds.Conditions;

namespace GitHost.Services.DefaultReviewers;

/// <summary><c>RestDefaultReviewersRequest</c> as sent: matchers, reviewers by id, name or slug, required approvals.</summary>
public sealed record DefaultReviewerConditionInput(
    RefMatcherInput? SourceMatcher, RefMatcherInput? TargetMatcher, IReadOnlyList<ReviewerReference?>? Reviewers, int? RequiredApprovals)
{
    public const int MaxReviewers = 100;

    public (RefMatcher Source, RefMatcher Target, IReadOnlyList<ReviewerReference> Reviewers, int RequiredApprovals) Validate()
    {
        var source = (SourceMatcher ?? throw GitHostException.Invalid("Give the sourceMatcher the pull request's source must match.", "sourceMatcher")).Parse("sourceMatcher");
        var target = (TargetMatcher ?? throw GitHostException.Invalid("Give the targetMatcher the pull request's target must match.", "targetMatcher")).Parse("targetMatcher");
        if (Reviewers is null || Reviewers.Count == 0)
        {
            throw GitHostException.Invalid("Name at least one default reviewer.", "reviewers");
        }

        if (Reviewers.Count > MaxReviewers)
        {
            throw GitHostException.Invalid($"A condition has at most {MaxReviewers} reviewers.", "reviewers");
        }

        var reviewers = Reviewers.Select(r => r is { } reference && (reference.Id is not null || !string.IsNullOrWhiteSpace(reference.Name) || !string.IsNullOrWhiteSpace(reference.Slug))
            ? reference
            : throw GitHostException.Invalid("Each reviewer is a user with an id, name or slug.", "reviewers")).ToList();
        var required = RequiredApprovals ?? 0;
        if (required < 0 || required > reviewers.Count)
        {
            throw GitHostException.Invalid($"requiredApprovals must be between 0 and the number of reviewers ({reviewers.Count}).", "requiredApprovals");
        }

        return (source, target, reviewers, required);
    }
}

/// <summary>A user as clients name them in a condition: <c>{id}</c>, <c>{name}</c> or <c>{slug}</c>.</summary>
public sealed record ReviewerReference(long? Id, string? Name, string? Slug);
