using System.Text.Json.Serialization;

namespace GitHost.Server.Content.Commits;

/// <summary>Bitbucket's <c>RestPath</c>: <c>{components, parent, name, extension?, toString}</c>.</summary>
public sealed record RestPath(
    IReadOnlyList<string> Components,
    string Parent,
    string Name,
    string? Extension,
    [property: JsonPropertyName("toString")] string Text)
{
    public static RestPath From(string path)
    {
        var components = path.Split('/');
        var name = components[^1];
        var dot = name.LastIndexOf('.');
        return new RestPath(
            components,
            string.Join('/', components[..^1]),
            name,
            dot > 0 ? name[(dot + 1)..] : null,
            path);
    }
}
