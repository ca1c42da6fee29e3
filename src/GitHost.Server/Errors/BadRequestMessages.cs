using System.Text.Json;
using System.Text.RegularExpressions;
using GitHost.Core.Failures;

namespace GitHost.Server.Errors;

/// <summary>
/// Turns ASP.NET Core's and System.Text.Json's binding failures into Bitbucket-style 400s that name the
/// field and say what to send, without the .NET type names and parameter signatures their own
/// messages carry ("could not be converted to GitHost.Server.Projects.ProjectRequest",
/// "Failed to bind parameter \"Nullable&lt;int&gt; limit\"").
/// </summary>
internal static partial class BadRequestMessages
{
    public static GitHostException FromJson(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
        return field is null
            ? GitHostException.Invalid("The request body must be a JSON object with the members this call documents.")
            : GitHostException.Invalid($"The value of '{field}' in the request body has the wrong type or is not valid JSON; see the API documentation for what to send.", field);
    }

    public static GitHostException FromBinding(string message)
    {
        if (FailedToBind().Match(message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            return GitHostException.Invalid($"'{bind.Groups["value"].Value}' is not a valid value for {name}: send {Expected(bind.Groups["type"].Value)}.", name);
        }

        if (Required().Match(message) is { Success: true } required)
        {
            var name = required.Groups["name"].Value;
            return GitHostException.Invalid($"{name} is required.", name);
        }

        return GitHostException.Invalid("The request is not valid for this call; see the API documentation for its parameters.");
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("int", StringComparison.OrdinalIgnoreCase) || type.Contains("long", StringComparison.OrdinalIgnoreCase) => "a whole number",
        _ when type.Contains("bool", StringComparison.OrdinalIgnoreCase) => "true or false",
        _ => "a value of the documented form",
    };

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[A-Za-z0-9_]+)\" from \"(?<value>.*)\"\\.?$", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[A-Za-z0-9_]+)\" was not provided", RegexOptions.Singleline)]
    private static partial Regex Required();
}
