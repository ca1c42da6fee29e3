using GitHost.Core.Failures;

namespace GitHost.Services.PullRequests;

/// <summary>Limits on what people write: a title fits a line and a list, a description a long page.</summary>
public static class PullRequestTexts
{
    public const int MaxTitle = 255;
    public const int MaxDescription = 32_768;

    public static string Title(string? title)
    {
        var value = title?.Trim() ?? "";
        if (value.Length == 0)
        {
            throw GitHostException.Invalid("A pull request needs a title.", "title");
        }

        return value.Length > MaxTitle || value.Any(char.IsControl)
            ? throw GitHostException.Invalid($"A title is one line of at most {MaxTitle} characters.", "title")
            : value;
    }

    public static string? Description(string? description) =>
        description is { Length: > MaxDescription }
            ? throw GitHostException.Invalid($"A description is at most {MaxDescription} characters; put longer texts in a file of the branch.", "description")
            : string.IsNullOrWhiteSpace(description) ? null : description;
}
