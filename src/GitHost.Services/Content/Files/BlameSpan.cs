namespace GitHost.Services.Content.Files;

/// <summary>
/// A run of lines last changed by one commit, as Bitbucket's blame entries give them: the first line
/// (1-based), how many follow, and the file's name in that commit (it differs after a rename).
/// </summary>
public sealed record BlameSpan(
    string CommitId, BlamePerson Author, long AuthorTimestamp, BlamePerson Committer, long CommitterTimestamp,
    string FileName, int LineNumber, int SpannedLines);

public sealed record BlamePerson(string Name, string EmailAddress);
