using System.Text.Json.Serialization;
using GitHost.Services.Content;

namespace GitHost.Server.Content;

/// <summary>
/// Bitbucket's <c>RestPath</c>: <c>{components, parent, name, extension?, toString}</c>; <c>toString</c>
/// is on the wire (clients read it). <c>parent</c> is <c>""</c> at the top level and absent on a
/// directory's children, which Bitbucket lists relative to the directory.
/// </summary>
public sealed record RestPath(
    IReadOnlyList<string> Components,
    string? Parent,
    string Name,
    string? Extension,
    [property: JsonPropertyName("toString")] string Text)
{
    public static RestPath From(ContentPath path) =>
        new(path.Components, path.Parent, path.Name, path.Extension, path.ToString());

    /// <summary>A path git wrote (<c>docs/a.md</c>).</summary>
    public static RestPath From(string path) => From(ContentPath.FromGit(path));

    /// <summary>A directory child's path: relative, without parent (as Bitbucket lists children).</summary>
    public static RestPath Child(ContentPath path) =>
        new(path.Components, null, path.Name, path.Extension, path.ToString());
}
