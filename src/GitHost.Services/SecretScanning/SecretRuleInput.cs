using GitHost.Core.Failures;
using GitHost.Data.SecretScanning;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// Bitbucket's <c>RestSecretScanningRuleSetRequest</c> (and the allowlist twin): a name and a line
/// and/or path expression, plus GitHost's <c>action</c> and <c>minEntropy</c> for detection rules.
/// </summary>
public sealed record SecretRuleInput(string? Name, string? LineRegex, string? PathRegex, string? Action = null, double? MinEntropy = null)
{
    /// <summary>Checks every field; throws a 400 naming the first bad one.</summary>
    public void ApplyTo(SecretScanningRuleEntity entity, SecretPatterns patterns)
    {
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw GitHostException.Invalid("A rule needs a name.", "name");
        }

        if (name.Length > SecretScanningRuleEntity.MaxNameLength)
        {
            throw GitHostException.Invalid($"name must be at most {SecretScanningRuleEntity.MaxNameLength} characters.", "name");
        }

        var line = Pattern(LineRegex, "lineRegex", patterns);
        var path = Pattern(PathRegex, "pathRegex", patterns);
        if (line is null && path is null)
        {
            throw GitHostException.Invalid("Either the line regular expression or the path regular expression must be present.", "lineRegex");
        }

        var action = entity.Allowlist ? SecretScanningAction.Block : ParseAction(Action);
        if (MinEntropy is { } entropy && (entity.Allowlist || line is null || !double.IsFinite(entropy) || entropy is < 0 or > 8))
        {
            throw GitHostException.Invalid("minEntropy must be between 0 and 8 (bits per character), on a rule with a lineRegex.", "minEntropy");
        }

        entity.Name = name;
        entity.LineRegex = line;
        entity.PathRegex = path;
        entity.Action = action;
        entity.MinEntropy = MinEntropy;
    }

    public static string ActionName(SecretScanningAction action) => action == SecretScanningAction.Warn ? "WARN" : "BLOCK";

    private static SecretScanningAction ParseAction(string? action) => action?.Trim().ToUpperInvariant() switch
    {
        null or "" or "BLOCK" => SecretScanningAction.Block,
        "WARN" => SecretScanningAction.Warn,
        _ => throw GitHostException.Invalid($"'{action}' is not a valid action; use BLOCK or WARN.", "action"),
    };

    private static string? Pattern(string? value, string context, SecretPatterns patterns)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > SecretScanningRuleEntity.MaxRegexLength)
        {
            throw GitHostException.Invalid($"{context} must be at most {SecretScanningRuleEntity.MaxRegexLength} characters.", context);
        }

        patterns.Validate(value, context);
        return value;
    }
}
