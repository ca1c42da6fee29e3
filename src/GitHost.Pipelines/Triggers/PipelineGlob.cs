namespace GitHost.Pipelines.Triggers;

/// <summary>
/// Bitbucket's glob for branch, tag and pull request keys and for <c>includePaths</c>:
/// <list type="bullet">
/// <item><c>*</c> any characters except <c>/</c>; <c>**</c> any characters including <c>/</c>;
/// <c>?</c> one character except <c>/</c>;</item>
/// <item><c>{a,b}</c> either alternative (not nested); <c>[abc]</c>, <c>[a-z]</c>, <c>[!abc]</c> one
/// character of (or not of) a set, never <c>/</c>; <c>\</c> takes the next character literally;</item>
/// <item>the whole name must match, case-sensitively: <c>feature/*</c> matches <c>feature/a</c> but not
/// <c>feature/a/b</c> or <c>feature</c>.</item>
/// </list>
/// An invalid pattern (an unclosed <c>{</c> or <c>[</c>) matches nothing.
/// </summary>
public static class PipelineGlob
{
    public static bool IsMatch(string pattern, string value)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        return GlobPattern.TryParse(pattern, out var glob, out _) && glob.IsMatch(value);
    }

    /// <summary>A test of many values against the same patterns, each parsed once: true when any of them matches.</summary>
    public static Func<string, bool> AnyOf(IEnumerable<string> patterns)
    {
        var globs = patterns.Select(p => GlobPattern.TryParse(p, out var glob, out _) ? glob : null).OfType<GlobPattern>().ToList();
        return value => globs.Exists(glob => glob.IsMatch(value));
    }
}
