using GitHost.Server.Content.Diff;
using GitHost.Services.Comments;
using GitHost.Services.Content.Diff;
using GitHost.Services.PullRequests.Diffs;

namespace GitHost.Server.PullRequests.Diffs;

/// <summary>
/// Bitbucket's diff JSON with its comments: <c>commentIds</c> on the lines comments sit on, and the
/// comments themselves in each file's <c>lineComments</c> and <c>fileComments</c>. The REST diff is
/// mapped from the diff shown in the same order, so files, hunks, segments and lines pair up by position.
/// </summary>
internal static class RestDiffCommentMapping
{
    public static RestDiffs From(DiffResult diff, DiffCommentPlacement placement, Func<CommentNode, object> toRest)
    {
        var rest = RestDiffs.From(diff);
        return rest with
        {
            Diffs = rest.Diffs.Select((file, i) => placement.For(diff.Diffs[i]) is { } placed ? WithComments(file, diff.Diffs[i], placed, toRest) : file).ToList(),
        };
    }

    private static RestDiff WithComments(RestDiff rest, FileDiff file, FileDiffComments placed, Func<CommentNode, object> toRest) => rest with
    {
        Hunks = rest.Hunks.Select((hunk, h) => hunk with
        {
            Segments = hunk.Segments.Select((segment, s) => segment with
            {
                Lines = segment.Lines.Select((line, l) => placed.CommentIdsOn(file.Hunks[h].Segments[s].Lines[l]) is { } ids ? line with { CommentIds = ids } : line).ToList(),
            }).ToList(),
        }).ToList(),
        LineComments = placed.LineComments.Count == 0 ? null : placed.LineComments.Select(toRest).ToList(),
        FileComments = placed.FileComments.Count == 0 ? null : placed.FileComments.Select(toRest).ToList(),
    };
}
