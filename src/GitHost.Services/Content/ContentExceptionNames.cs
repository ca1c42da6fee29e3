namespace GitHost.Services.Content;

/// <summary>The Bitbucket exception class names of the content API (refs, commits, files).</summary>
public static class ContentExceptionNames
{
    public const string NoSuchCommit = "com.atlassian.bitbucket.commit.NoSuchCommitException";
    public const string NoSuchBranch = "com.atlassian.bitbucket.repository.NoSuchBranchException";
    public const string NoSuchTag = "com.atlassian.bitbucket.repository.NoSuchTagException";
    public const string DuplicateRef = "com.atlassian.bitbucket.repository.DuplicateRefException";
    public const string InvalidRefName = "com.atlassian.bitbucket.repository.InvalidRefNameException";
    public const string NoSuchPath = "com.atlassian.bitbucket.content.NoSuchPathException";
    public const string RefOutOfDate = "com.atlassian.bitbucket.repository.RefOutOfDateException";
}
