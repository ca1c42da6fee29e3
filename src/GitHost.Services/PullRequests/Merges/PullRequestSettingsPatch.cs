using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Core.Parsing;

namespace GitHost.Services.PullRequests.Merges;

/// <summary>
/// Reads Bitbucket's settings POST body: only the keys present change. Accepts the current maps
/// (<c>{enabled, count}</c>), the deprecated integers and the hook-keyed maps, as Bitbucket does.
/// </summary>
public static class PullRequestSettingsPatch
{
    private const string ApproversHook = "com.atlassian.bitbucket.server.bundled-hooks.requiredApproversMergeHook";
    private const string BuildsHook = "com.atlassian.bitbucket.server.bitbucket-build.requiredBuildsMergeCheck";
    private const int MaxCount = 100;

    public static PullRequestSettingsDocument Apply(PullRequestSettingsDocument current, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw GitHostException.Invalid("The settings must be a JSON object.");
        }

        var result = current;
        foreach (var property in body.EnumerateObject())
        {
            result = property.Name switch
            {
                "requiredApprovers" or "requiredApproversDeprecated" or ApproversHook =>
                    result with { RequiredApprovers = Count(property) },
                "requiredSuccessfulBuilds" or "requiredSuccessfulBuildsDeprecated" or BuildsHook =>
                    result with { RequiredSuccessfulBuilds = Count(property) },
                "requiredAllApprovers" => result with { RequiredAllApprovers = Flag(property) },
                "requiredAllTasksComplete" => result with { RequiredAllTasksComplete = Flag(property) },
                "resetApprovalsOnSourceChange" => result with { ResetApprovalsOnSourceChange = Flag(property) },
                "deleteSourceBranch" => result with { DeleteSourceBranch = Flag(property) },
                "mergeConfig" => result with { MergeConfig = MergeConfig(property.Value) },
                _ => result,
            };
        }

        return result;
    }

    /// <summary>A count as an integer (0 disables) or as <c>{enabled, count}</c>, count a number or a numeric string.</summary>
    private static int Count(JsonProperty property)
    {
        var value = property.Value;
        if (value.ValueKind == JsonValueKind.Number)
        {
            return Bounded(property.Name, value);
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw GitHostException.Invalid($"{property.Name} must be a number or {{\"enabled\": true, \"count\": 2}}.", property.Name);
        }

        var enabled = !value.TryGetProperty("enabled", out var e) || e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw GitHostException.Invalid($"{property.Name}.enabled must be true or false.", property.Name),
        };
        if (!value.TryGetProperty("count", out var count))
        {
            return enabled ? throw GitHostException.Invalid($"{property.Name}.count is required when enabled.", property.Name) : 0;
        }

        var parsed = Bounded(property.Name, count);
        return enabled ? parsed : 0;
    }

    private static int Bounded(string name, JsonElement value)
    {
        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt32(out var n) ? n : -1,
            JsonValueKind.String => DecimalDigits.TryParse(value.GetString(), out int s) ? s : -1,
            _ => -1,
        };
        return ok is >= 0 and <= MaxCount ? ok : throw GitHostException.Invalid($"{name} must be a whole number from 0 to {MaxCount}.", name);
    }

    private static bool Flag(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw GitHostException.Invalid($"{property.Name} must be true or false.", property.Name),
    };

    /// <summary>An empty object removes the scope's configuration (Bitbucket: fall back to the parent scope).</summary>
    private static MergeConfigDocument? MergeConfig(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw GitHostException.Invalid("mergeConfig must be an object.", "mergeConfig");
        }

        if (!value.EnumerateObject().Any())
        {
            return null;
        }

        var enabled = new List<string>();
        if (value.TryGetProperty("strategies", out var strategies))
        {
            if (strategies.ValueKind != JsonValueKind.Array)
            {
                throw GitHostException.Invalid("mergeConfig.strategies must be an array.", "mergeConfig");
            }

            foreach (var strategy in strategies.EnumerateArray())
            {
                var id = StrategyId(strategy);
                var on = !(strategy.ValueKind == JsonValueKind.Object && strategy.TryGetProperty("enabled", out var e) && e.ValueKind == JsonValueKind.False);
                if (on && !enabled.Contains(id))
                {
                    enabled.Add(id);
                }
            }
        }

        var defaultId = value.TryGetProperty("defaultStrategy", out var d) ? StrategyId(d) : enabled.FirstOrDefault()
            ?? throw GitHostException.Invalid("mergeConfig needs a defaultStrategy.", "mergeConfig");
        if (enabled.Count == 0)
        {
            enabled.Add(defaultId);
        }
        else if (!enabled.Contains(defaultId))
        {
            throw GitHostException.Invalid($"The default strategy {defaultId} must be one of the enabled strategies.", "mergeConfig");
        }

        var summaries = value.TryGetProperty("commitSummaries", out var c) ? Bounded("mergeConfig.commitSummaries", c) : 0;
        var template = value.TryGetProperty("commitMessageTemplate", out var t) ? Template(t) : null;
        return new MergeConfigDocument(defaultId, enabled, summaries, template);
    }

    private const int MaxTemplateLength = 2000;

    /// <summary><c>{title, body}</c>; a missing or null member keeps Bitbucket's default for it.</summary>
    private static CommitMessageTemplateDocument? Template(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw GitHostException.Invalid("mergeConfig.commitMessageTemplate must be {\"title\": ..., \"body\": ...}.", "mergeConfig");
        }

        return new CommitMessageTemplateDocument(TemplateText(value, "title"), TemplateText(value, "body"));
    }

    private static string? TemplateText(JsonElement template, string name)
    {
        if (!template.TryGetProperty(name, out var text) || text.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return text.ValueKind == JsonValueKind.String && text.GetString()!.Length <= MaxTemplateLength
            ? text.GetString()
            : throw GitHostException.Invalid($"mergeConfig.commitMessageTemplate.{name} must be text of at most {MaxTemplateLength} characters.", "mergeConfig");
    }

    private static string StrategyId(JsonElement strategy)
    {
        var id = strategy.ValueKind switch
        {
            JsonValueKind.Object when strategy.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String => i.GetString(),
            JsonValueKind.String => strategy.GetString(),
            _ => null,
        };
        return MergeStrategies.Find(id)?.Id
            ?? throw GitHostException.Invalid(
                $"Unknown merge strategy; use one of {string.Join(", ", MergeStrategies.All.Select(s => s.Id))}.", "mergeConfig");
    }
}
