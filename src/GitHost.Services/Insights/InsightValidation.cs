using GitHost.Core.Failures;
using GitHost.Core.Insights;

namespace GitHost.Services.Insights;

/// <summary>Bitbucket's limits on Code Insights input, each failure naming its field.</summary>
public static class InsightValidation
{
    public const int MaxKey = 255;
    public const int MaxTitle = 450;
    public const int MaxDetails = 2000;
    public const int MaxReporter = 450;
    public const int MaxUrl = 2048;
    public const int MaxData = 6;
    public const int MaxMessage = 2000;
    public const int MaxExternalId = 450;
    public const int MaxPath = 1024;

    /// <summary>Bitbucket's default per-report limit; a request that would pass it stores nothing.</summary>
    public const int MaxAnnotationsPerReport = 1000;

    public static string Key(string key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKey || key.Any(char.IsControl))
        {
            throw GitHostException.Invalid($"A report key is 1 to {MaxKey} printable characters, such as com.example.lint.", "key");
        }

        return key;
    }

    public static void Required(string? value, int max, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw GitHostException.Invalid($"The {field} is required.", field);
        }

        Optional(value, max, field);
    }

    public static void Optional(string? value, int max, string field)
    {
        if (value is not null && value.Length > max)
        {
            throw GitHostException.Invalid($"The {field} is {value.Length} characters long; the most is {max}.", field);
        }
    }

    /// <summary>Links are shown to reviewers, so only http and https (never javascript: or data:).</summary>
    public static void HttpUrl(string? value, string field)
    {
        if (value is null)
        {
            return;
        }

        Optional(value, MaxUrl, field);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw GitHostException.Invalid($"The {field} must be a valid http or https URL.", field);
        }
    }

    public static InsightResult? Result(string? result) => result?.ToUpperInvariant() switch
    {
        null => null,
        "PASS" => InsightResult.Pass,
        "FAIL" => InsightResult.Fail,
        _ => throw GitHostException.Invalid("The result must be PASS or FAIL.", "result"),
    };

    public static AnnotationSeverity Severity(string? severity) => severity?.ToUpperInvariant() switch
    {
        "LOW" => AnnotationSeverity.Low,
        "MEDIUM" => AnnotationSeverity.Medium,
        "HIGH" => AnnotationSeverity.High,
        _ => throw GitHostException.Invalid("The severity must be LOW, MEDIUM or HIGH.", "severity"),
    };

    public static AnnotationType? Type(string? type) => type?.ToUpperInvariant() switch
    {
        null => null,
        "VULNERABILITY" => AnnotationType.Vulnerability,
        "CODE_SMELL" => AnnotationType.CodeSmell,
        "BUG" => AnnotationType.Bug,
        _ => throw GitHostException.Invalid("The type must be VULNERABILITY, CODE_SMELL or BUG.", "type"),
    };

    public static string ToWire(InsightResult result) => result == InsightResult.Pass ? "PASS" : "FAIL";

    public static string ToWire(AnnotationSeverity severity) => severity.ToString().ToUpperInvariant();

    public static string ToWire(AnnotationType type) => type switch
    {
        AnnotationType.CodeSmell => "CODE_SMELL",
        _ => type.ToString().ToUpperInvariant(),
    };
}
