using GitHost.Services.Content.Files;

namespace GitHost.Server.Content.Files;

/// <summary>
/// One blame entry as Bitbucket writes it: the commit under both its names (<c>commitHash</c> and
/// <c>commitId</c>, abbreviated in <c>displayCommitHash</c> and <c>commitDisplayId</c>), author and
/// committer with their times, the file's name in that commit, and the lines it covers.
/// </summary>
public sealed record RestBlame(
    RestBlamePerson Author, long AuthorTimestamp, RestBlamePerson Committer, long CommitterTimestamp,
    string CommitHash, string DisplayCommitHash, string CommitId, string CommitDisplayId, string FileName, int LineNumber, int SpannedLines)
{
    public static IReadOnlyList<RestBlame> From(IReadOnlyList<BlameSpan> spans) => spans.Select(s => new RestBlame(
        new RestBlamePerson(s.Author.Name, s.Author.EmailAddress), s.AuthorTimestamp,
        new RestBlamePerson(s.Committer.Name, s.Committer.EmailAddress), s.CommitterTimestamp,
        s.CommitId, s.CommitId[..11], s.CommitId, s.CommitId[..11], s.FileName, s.LineNumber, s.SpannedLines)).ToList();
}

public sealed record RestBlamePerson(string Name, string EmailAddress);
