using System.Text.RegularExpressions;
using GitHost.Core.Failures;

namespace GitHost.Services.Pipelines.Variables;

/// <summary>A variable as given: a shell-safe name not in Bitbucket's reserved <c>BITBUCKET_</c> space, a value of at most 64 KiB.</summary>
public sealed partial record PipelineVariableInput(string? Key, string? Value, bool? Secured)
{
    public const int MaxValueLength = 64 * 1024;

    public string ValidKey()
    {
        if (Key is null || !Name().IsMatch(Key))
        {
            throw GitHostException.Invalid("key must start with a letter or underscore and contain only letters, digits and underscores (at most 255).", "key");
        }

        if (Key.StartsWith("BITBUCKET_", StringComparison.OrdinalIgnoreCase) || Key == "CI")
        {
            throw GitHostException.Invalid($"{Key} is set by the pipeline itself and cannot be defined.", "key");
        }

        return Key;
    }

    public string ValidValue()
    {
        if (Value is null)
        {
            throw GitHostException.Invalid("value is required.", "value");
        }

        if (Value.Length > MaxValueLength)
        {
            throw GitHostException.Invalid($"value may be at most {MaxValueLength} characters.", "value");
        }

        return Value;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,254}$")]
    private static partial Regex Name();
}
