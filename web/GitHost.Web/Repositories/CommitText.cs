namespace GitHost.Web.Repositories;

/// <summary>A commit message split as git tools show it: the subject line, and the body after the blank line.</summary>
public static class CommitText
{
    public static string Subject(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end].TrimEnd('\r');
    }

    public static string Body(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? "" : message[(end + 1)..].Trim('\r', '\n');
    }
}
