namespace GitHost.Services.Pipelines;

/// <summary>Bitbucket writes pipeline and step UUIDs in braces (<c>{0b9e…}</c>); both forms are accepted.</summary>
public static class PipelineIds
{
    public static string Format(Guid uuid) => "{" + uuid.ToString("D") + "}";

    public static Guid? ParseUuid(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 2 && trimmed[0] == '{' && trimmed[^1] == '}')
        {
            trimmed = trimmed[1..^1];
        }

        return Guid.TryParseExact(trimmed, "D", out var uuid) ? uuid : null;
    }
}
