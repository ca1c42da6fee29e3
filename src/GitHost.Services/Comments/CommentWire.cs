using GitHost.Core.PullRequests;
using GitHost.Data.Comments;
using GitHost.Data.Users;

namespace GitHost.Services.Comments;

/// <summary>
/// Bitbucket's RestComment JSON, shared by the REST answers, the COMMENTED activities and the
/// pr:comment:* events so all three say the same: <c>{id, version, text, author, createdDate,
/// updatedDate, comments, anchor?, severity, state, threadResolved, properties, ...}</c>.
/// </summary>
public static class CommentWire
{
    /// <param name="user">The wire form of a user (null entity: a deleted account, named by id).</param>
    /// <param name="decorate">Adds what only some readers get (permittedOperations, html), to each comment of the thread.</param>
    public static Dictionary<string, object?> ToWire(
        CommentNode node, Func<UserEntity?, long, object> user, Action<CommentNode, Dictionary<string, object?>>? decorate = null)
    {
        var comment = node.Comment;
        var properties = new Dictionary<string, object?> { ["repositoryId"] = comment.RepositoryId };
        if (node.Reactions is { Count: > 0 } reactions)
        {
            // Bitbucket's summary: one entry per emoticon with everyone who reacted with it (the count is users.length).
            properties["reactions"] = reactions.Select(r => new Dictionary<string, object?>
            {
                ["emoticon"] = new Dictionary<string, object?> { ["shortcut"] = r.Shortcut, ["value"] = r.Value },
                ["users"] = r.Users.Select(u => user(u.User, u.Id)).ToList(),
            }).ToList();
        }

        var wire = new Dictionary<string, object?>
        {
            ["properties"] = properties,
            ["id"] = comment.Id,
            ["version"] = comment.Version,
            ["text"] = comment.Text,
            ["author"] = user(node.Author, comment.AuthorId),
            ["createdDate"] = comment.CreatedDate,
            ["updatedDate"] = comment.UpdatedDate,
            ["comments"] = node.Replies.Select(r => ToWire(r, user, decorate)).ToList(),
            ["threadResolved"] = comment.ThreadResolved,
            ["severity"] = comment.Severity == CommentSeverity.Blocker ? "BLOCKER" : "NORMAL",
            ["state"] = StateName(comment.State),
        };
        if (comment.ThreadResolved && comment.ThreadResolvedDate is { } threadDate)
        {
            wire["threadResolvedDate"] = threadDate;
            wire["threadResolver"] = comment.ThreadResolverId is { } threadResolver ? user(node.ThreadResolver, threadResolver) : null;
        }

        if (comment.State == CommentState.Resolved && comment.ResolvedDate is { } resolvedDate)
        {
            wire["resolvedDate"] = resolvedDate;
            wire["resolver"] = comment.ResolverId is { } resolver ? user(node.Resolver, resolver) : null;
        }

        if (comment.Anchor is { } anchor)
        {
            wire["anchor"] = Anchor(anchor);
            wire["anchored"] = true;
        }

        decorate?.Invoke(node, wire);
        return wire;
    }

    public static Dictionary<string, object?> Anchor(CommentAnchor anchor)
    {
        var wire = new Dictionary<string, object?>
        {
            ["diffType"] = anchor.DiffType,
            ["fromHash"] = anchor.FromHash,
            ["toHash"] = anchor.ToHash,
            ["path"] = anchor.Path,
            ["orphaned"] = anchor.Orphaned,
        };
        if (anchor.SrcPath is not null)
        {
            wire["srcPath"] = anchor.SrcPath;
        }

        if (anchor.Line is { } line)
        {
            wire["line"] = line;
            wire["lineType"] = anchor.LineType;
            wire["fileType"] = anchor.FileType;
        }

        if (anchor.MultilineStartLine is { } start)
        {
            wire["multilineStartLine"] = start;
            wire["multilineStartLineType"] = anchor.MultilineStartLineType;
            wire["multilineMarker"] = new Dictionary<string, object?> { ["startLine"] = start, ["startLineType"] = anchor.MultilineStartLineType };
            wire["multilineSpan"] = new Dictionary<string, object?> { ["dstSpanStart"] = start, ["dstSpanEnd"] = anchor.Line };
        }

        return wire;
    }

    public static string StateName(CommentState state) => state.ToString().ToUpperInvariant();
}
