using System.Text.Json.Serialization;
using GitHost.Services.Content.Files;

namespace GitHost.Server.Content.Files;

/// <summary>Bitbucket's path object; <c>toString</c> is on the wire (clients read it).</summary>
public sealed record RestPath(
    IReadOnlyList<string> Components,
    string? Parent,
    string Name,
    string? Extension,
    [property: JsonPropertyName("toString")] string Text)
{
    public static RestPath From(ContentPath path) =>
        new(path.Components, path.Parent, path.Name, path.Extension, path.ToString());

    /// <summary>A directory child's path: relative, without parent (as Bitbucket lists children).</summary>
    public static RestPath Child(ContentPath path) =>
        new(path.Components, null, path.Name, path.Extension, path.ToString());
}
