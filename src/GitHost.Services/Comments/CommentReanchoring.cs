using System.Text.Json;
using System.Text.Json.Nodes;
using GitHost.Core.Failures;
using GitHost.Data;
using GitHost.Data.Comments;
using GitHost.Services.Content.Diff;
using GitHost.Services.PullRequests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GitHost.Services.Comments;

/// <summary>
/// After a rescope, keeps line comments of the pull request's (EFFECTIVE) diff on their line: a TO
/// line is followed through what the source push changed in its file (a line above it added or
/// removed moves it); a line the push changed, or one the new diff no longer shows, makes the
/// comment <c>orphaned</c> (Bitbucket lists those with <c>anchorState=ORPHANED</c>). File comments
/// and comments made on a COMMIT or RANGE diff name fixed commits and stay as they are.
/// </summary>
public sealed partial class CommentReanchoring(GitHostDbContext db, DiffService diffs, ILogger<CommentReanchoring> logger) : IPullRequestRescopeListener
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RescopedAsync(PullRequestRescoped rescoped, CancellationToken cancellationToken)
    {
        try
        {
            await ReanchorAsync(rescoped, cancellationToken);
        }
        catch (GitHostException failure)
        {
            // The push that rescoped is already saved; comments left on their old anchor are better than a failed push.
            Log.NotReanchored(logger, rescoped.PullRequestId, failure.Message);
        }
    }

    private async Task ReanchorAsync(PullRequestRescoped rescoped, CancellationToken cancellationToken)
    {
        var anchored = await db.Comments
            .Where(c => c.PullRequestId == rescoped.PullRequestId && c.ParentId == null && c.Anchor != null && c.Anchor.Line != null
                && !c.Anchor.Orphaned && c.Anchor.DiffType == "EFFECTIVE")
            .ToListAsync(cancellationToken);
        if (anchored.Count == 0)
        {
            return;
        }

        var names = await db.Repositories.AsNoTracking().Where(r => r.Id == rescoped.RepositoryId)
            .Join(db.Projects.AsNoTracking(), r => r.ProjectId, p => p.Id, (r, p) => new { p.Key, r.Slug }).FirstAsync(cancellationToken);
        var moved = 0;
        var orphaned = 0;
        foreach (var byPath in anchored.GroupBy(c => c.Anchor!.Path))
        {
            var query = DiffQuery.Create(byPath.Key, null, null, null);
            var current = await diffs.CompareAsync(rescoped.Actor, names.Key, names.Slug, rescoped.NewFromCommit, rescoped.NewToCommit, query, cancellationToken);
            var file = current.Diffs.FirstOrDefault(f => f.Destination?.ToString() == byPath.Key || f.Source?.ToString() == byPath.Key);
            foreach (var comment in byPath)
            {
                var anchor = comment.Anchor!;
                var line = anchor.FileType == "TO" && anchor.ToHash != rescoped.NewFromCommit
                    ? await FollowAsync(rescoped, names.Key, names.Slug, anchor, cancellationToken)
                    : anchor.Line;
                var type = file is null || line is null ? null : CommentAnchors.FindLine(file, line.Value, anchor.FileType ?? "TO");
                if (type is null || type != anchor.LineType)
                {
                    anchor.Orphaned = true;
                    orphaned++;
                }
                else
                {
                    var delta = line!.Value - anchor.Line!.Value;
                    moved += delta != 0 ? 1 : 0;
                    anchor.MultilineStartLine += delta;
                    anchor.Line = line;
                    anchor.FromHash = current.FromHash;
                    anchor.ToHash = current.ToHash;
                }
            }
        }

        await RefreshActivitiesAsync(anchored, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Log.Reanchored(logger, rescoped.PullRequestId, moved, orphaned);
    }

    /// <summary>
    /// The COMMENTED activities keep a copy of the comment's anchor; /activities is how most clients
    /// read comments, so they must show the moved line or the outdated (orphaned) state too.
    /// </summary>
    private async Task RefreshActivitiesAsync(List<CommentEntity> comments, CancellationToken cancellationToken)
    {
        var byId = comments.ToDictionary(c => c.Id);
        var ids = byId.Keys.ToList();
        var activities = await db.PullRequestActivities.Where(a => a.CommentId != null && ids.Contains(a.CommentId.Value) && a.Details != null).ToListAsync(cancellationToken);
        foreach (var activity in activities)
        {
            if (JsonNode.Parse(activity.Details!) is not JsonObject details)
            {
                continue;
            }

            var anchor = CommentWire.Anchor(byId[activity.CommentId!.Value].Anchor!);
            details["commentAnchor"] = JsonSerializer.SerializeToNode(anchor, Json);
            if (details["comment"] is JsonObject comment)
            {
                comment["anchor"] = JsonSerializer.SerializeToNode(anchor, Json);
            }

            activity.Details = details.ToJsonString(Json);
        }
    }

    /// <summary>The line's number in the new source head, or null when the push changed that line.</summary>
    private async Task<int?> FollowAsync(PullRequestRescoped rescoped, string key, string slug, CommentAnchor anchor, CancellationToken cancellationToken)
    {
        var query = DiffQuery.Create(anchor.Path, null, 0, null);
        var pushed = await diffs.DiffAsync(rescoped.Actor, key, slug, anchor.ToHash, rescoped.NewFromCommit, query, cancellationToken);
        var file = pushed.Diffs.FirstOrDefault(f => f.Source?.ToString() == anchor.Path);
        if (file is null)
        {
            // The push left the file alone (or removed it: the new diff then no longer shows the line).
            return pushed.Diffs.Any(f => f.Destination?.ToString() == anchor.Path || f.Source?.ToString() == anchor.Path) ? null : anchor.Line;
        }

        var line = anchor.Line!.Value;
        var shift = 0;
        foreach (var hunk in file.Hunks)
        {
            if (line < hunk.SourceLine || (hunk.SourceSpan == 0 && line == hunk.SourceLine))
            {
                break;
            }

            if (line < hunk.SourceLine + hunk.SourceSpan)
            {
                return null;
            }

            shift += hunk.DestinationSpan - hunk.SourceSpan;
        }

        return line + shift;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Pull request {PullRequestId} rescoped: {Moved} line comments moved, {Orphaned} orphaned")]
        public static partial void Reanchored(ILogger logger, long pullRequestId, int moved, int orphaned);

        [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "Line comments of pull request {PullRequestId} not re-anchored: {Reason}")]
        public static partial void NotReanchored(ILogger logger, long pullRequestId, string reason);
    }
}
