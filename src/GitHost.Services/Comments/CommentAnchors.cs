using GitHost.Core.Security;
using GitHost.Data.Comments;
using GitHost.Data.PullRequests;
using GitHost.Services.Content.Diff;

namespace GitHost.Services.Comments;

/// <summary>
/// Checks an anchor against the diff it names and fills in what Bitbucket defaults: EFFECTIVE diff
/// (merge base..source head) when no diff type is given, FROM for REMOVED lines and TO otherwise.
/// A line that the diff does not show (with Bitbucket's default 10 lines of context) is refused, so
/// no comment hangs on a line nobody can see.
/// </summary>
public sealed class CommentAnchors(DiffService diffs)
{
    private static readonly string[] LineTypes = ["ADDED", "REMOVED", "CONTEXT"];
    private static readonly string[] FileTypes = ["FROM", "TO"];
    private static readonly string[] DiffTypes = ["EFFECTIVE", "RANGE", "COMMIT"];

    public async Task<CommentAnchor> ResolveAsync(
        Principal principal, string projectKey, string slug, PullRequestEntity pullRequest, AnchorInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(input.Path))
        {
            throw CommentFailures.Anchor("An anchor needs the path of the file it comments on.", "anchor.path");
        }

        var diffType = Name(input.DiffType, DiffTypes, "anchor.diffType") ?? "EFFECTIVE";
        var lineType = Name(input.LineType, LineTypes, "anchor.lineType");
        var fileType = Name(input.FileType, FileTypes, "anchor.fileType");
        if (input.Line is { } line && line < 1)
        {
            throw CommentFailures.Anchor("Line numbers start at 1.", "anchor.line");
        }

        var query = DiffQuery.Create(input.Path, input.SrcPath, null, null);
        DiffResult diff;
        if (diffType == "EFFECTIVE")
        {
            diff = await diffs.CompareAsync(principal, projectKey, slug, pullRequest.FromCommit, pullRequest.ToCommit, query, cancellationToken);
        }
        else
        {
            if (string.IsNullOrEmpty(input.FromHash) || string.IsNullOrEmpty(input.ToHash))
            {
                throw CommentFailures.Anchor($"A {diffType} anchor needs fromHash and toHash: the diff the comment was made on.", "anchor.fromHash");
            }

            diff = await diffs.DiffAsync(principal, projectKey, slug, input.FromHash, input.ToHash, query, cancellationToken);
        }

        return FromDiff(diff, query, input, diffType, lineType, fileType);
    }

    /// <summary>An anchor on a commit's diff (since <paramref name="since"/> or its first parent): a commit comment's place.</summary>
    public async Task<CommentAnchor> ResolveOnCommitAsync(
        Principal principal, string projectKey, string slug, string commitId, string? since, AnchorInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(input.Path))
        {
            throw CommentFailures.Anchor("An anchor needs the path of the file it comments on.", "anchor.path");
        }

        var lineType = Name(input.LineType, LineTypes, "anchor.lineType");
        var fileType = Name(input.FileType, FileTypes, "anchor.fileType");
        if (input.Line is { } line && line < 1)
        {
            throw CommentFailures.Anchor("Line numbers start at 1.", "anchor.line");
        }

        var query = DiffQuery.Create(input.Path, input.SrcPath, null, null);
        var diff = await diffs.CommitAsync(principal, projectKey, slug, commitId, since, query, cancellationToken);
        return FromDiff(diff, query, input, "COMMIT", lineType, fileType);
    }

    private static CommentAnchor FromDiff(DiffResult diff, DiffQuery query, AnchorInput input, string diffType, string? lineType, string? fileType)
    {
        var file = diff.Diffs.FirstOrDefault(f => f.Destination?.ToString() == query.Path.ToString() || f.Source?.ToString() == query.Path.ToString())
            ?? throw CommentFailures.Anchor($"{input.Path} is not changed in this diff.", "anchor.path");
        var anchor = new CommentAnchor
        {
            Path = query.Path.ToString(),
            SrcPath = file.Source is { } source && source.ToString() != query.Path.ToString() ? source.ToString() : input.SrcPath,
            DiffType = diffType,
            FromHash = diff.FromHash,
            ToHash = diff.ToHash,
        };
        if (input.Line is null)
        {
            return anchor;
        }

        fileType ??= lineType == "REMOVED" ? "FROM" : "TO";
        var found = FindLine(file, input.Line.Value, fileType)
            ?? throw CommentFailures.Anchor($"Line {input.Line} of the {fileType} side of {input.Path} is not in the diff.", "anchor.line");
        if (lineType is not null && lineType != found)
        {
            throw CommentFailures.Anchor($"Line {input.Line} of {input.Path} is {found}, not {lineType}.", "anchor.lineType");
        }

        anchor.Line = input.Line;
        anchor.LineType = found;
        anchor.FileType = fileType;
        if (input.MultilineStartLine is { } start)
        {
            var startType = FindLine(file, start, fileType);
            if (start > input.Line || startType is null)
            {
                throw CommentFailures.Anchor($"A multi-line comment starts on a line of the diff at or before line {input.Line}.", "anchor.multilineStartLine");
            }

            anchor.MultilineStartLine = start;
            anchor.MultilineStartLineType = Name(input.MultilineStartLineType, LineTypes, "anchor.multilineStartLineType") ?? startType;
        }

        return anchor;
    }

    /// <summary>The segment type (ADDED, REMOVED, CONTEXT) of a line of one side of a file's diff, or null when the diff does not show it.</summary>
    public static string? FindLine(FileDiff file, int line, string fileType)
    {
        foreach (var segment in file.Hunks.SelectMany(h => h.Segments))
        {
            var type = segment.Type.ToString().ToUpperInvariant();
            if ((fileType == "FROM" && type == "ADDED") || (fileType == "TO" && type == "REMOVED"))
            {
                continue;
            }

            if (segment.Lines.Any(l => (fileType == "FROM" ? l.Source : l.Destination) == line))
            {
                return type;
            }
        }

        return null;
    }

    private static string? Name(string? value, string[] allowed, string context)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var upper = value.ToUpperInvariant();
        return allowed.Contains(upper) ? upper : throw CommentFailures.Anchor($"'{value}' is not one of {string.Join(", ", allowed)}.", context);
    }
}
