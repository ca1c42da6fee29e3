using GitHost.Core.Failures;
using GitHost.Core.Parsing;

namespace GitHost.Web.Shared;

/// <summary>
/// Numbers from a page's query string. Pages take them as text because Blazor fails the whole
/// request (a 500) when a typed query parameter does not parse; here a typo is a 400 that says why.
/// </summary>
public static class QueryNumber
{
    public static int? Parse(string? value, string name) =>
        string.IsNullOrEmpty(value) ? null
        : DecimalDigits.TryParse(value, out int number) ? number
        : throw GitHostException.Invalid($"{name} must be a whole number; '{(value.Length <= 20 ? value : value[..20] + "…")}' is not.", name);
}
