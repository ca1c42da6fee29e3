namespace GitHost.Services.Content.Refs;

/// <summary>The two ref namespaces of the API: branches (<c>refs/heads/</c>) and tags (<c>refs/tags/</c>).</summary>
public sealed record RefNamespace(string Prefix, string Type)
{
    public static RefNamespace Branches { get; } = new("refs/heads/", "BRANCH");

    public static RefNamespace Tags { get; } = new("refs/tags/", "TAG");

    public string FullName(string shortName) =>
        shortName.StartsWith(Prefix, StringComparison.Ordinal) ? shortName : Prefix + shortName;

    public string ShortName(string fullName) =>
        fullName.StartsWith(Prefix, StringComparison.Ordinal) ? fullName[Prefix.Length..] : fullName;
}
