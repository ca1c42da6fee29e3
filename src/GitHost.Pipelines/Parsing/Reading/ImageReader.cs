using GitHost.Pipelines.Parsing.Yaml;

namespace GitHost.Pipelines.Parsing.Reading;

/// <summary><c>image: node:20</c>, or the long form with credentials, of which only the name is kept.</summary>
internal static class ImageReader
{
    private const string Hint = "Write image: name:tag, or image:\n  name: name:tag\n  username: ...\n  password: ...";

    public static string? Read(ReadContext context, YamlTreeNode node, string path)
    {
        if (node is not YamlTreeMapping mapping)
        {
            return Nodes.Text(context, node, path, Hint);
        }

        var fields = new MappingFields(context, mapping, path, Keys.Image);
        foreach (var key in new[] { "username", "password", "email" })
        {
            if (fields[key] is { } value)
            {
                Nodes.Text(context, value, fields.PathOf(key), Hint);
            }
        }

        if (fields["run-as-user"] is { } user)
        {
            Nodes.Integer(context, user, fields.PathOf("run-as-user"), "Write the numeric user id, e.g. run-as-user: 1000.");
        }

        if (fields["aws"] is { } aws)
        {
            Nodes.Mapping(context, aws, fields.PathOf("aws"), "Write aws:\n  access-key: ...\n  secret-key: ...  (or oidc-role: ...)");
        }

        if (fields["name"] is not { } name)
        {
            context.Report(mapping, path, "\"name\" is required", Hint);
            return null;
        }

        return Nodes.Text(context, name, fields.PathOf("name"), Hint);
    }
}
