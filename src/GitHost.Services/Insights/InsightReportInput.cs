using System.Text.Json;
using GitHost.Core.Failures;
using GitHost.Core.Insights;

namespace GitHost.Services.Insights;

/// <summary><c>RestSetInsightReportRequest</c> as sent; <see cref="Validate"/> checks it as Bitbucket does.</summary>
public sealed record InsightReportInput(
    string? Title, string? Details, string? Result, IReadOnlyList<InsightDataInput?>? Data, string? Reporter, string? Link, string? LogoUrl)
{
    public InsightResult? Validate()
    {
        InsightValidation.Required(Title, InsightValidation.MaxTitle, "title");
        InsightValidation.Optional(Details, InsightValidation.MaxDetails, "details");
        InsightValidation.Optional(Reporter, InsightValidation.MaxReporter, "reporter");
        InsightValidation.HttpUrl(Link, "link");
        InsightValidation.HttpUrl(LogoUrl, "logoUrl");
        if (Data is { Count: > InsightValidation.MaxData })
        {
            throw GitHostException.Invalid($"A report has at most {InsightValidation.MaxData} data fields; this one has {Data.Count}.", "data");
        }

        foreach (var field in Data ?? [])
        {
            (field ?? throw GitHostException.Invalid("A data field cannot be null.", "data")).Validate();
        }

        return InsightValidation.Result(Result);
    }
}

/// <summary>One data field: <c>{title, type?, value}</c>, the value's JSON kind fixed by the type.</summary>
public sealed record InsightDataInput(string? Title, string? Type, JsonElement Value)
{
    private const int MaxText = 2000;

    public void Validate()
    {
        InsightValidation.Required(Title, InsightValidation.MaxTitle, "data");
        var ok = Type?.ToUpperInvariant() switch
        {
            null => Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                && (Value.ValueKind != JsonValueKind.String || Value.GetString()!.Length <= MaxText),
            "BOOLEAN" => Value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "DATE" or "DURATION" or "NUMBER" => Value.ValueKind == JsonValueKind.Number,
            "PERCENTAGE" => Value.ValueKind == JsonValueKind.Number && Value.GetDouble() is >= 0 and <= 100,
            "TEXT" => Value.ValueKind == JsonValueKind.String && Value.GetString()!.Length <= MaxText,
            "LINK" => IsLink(Value),
            _ => throw GitHostException.Invalid("A data field's type is one of BOOLEAN, DATE, DURATION, LINK, NUMBER, PERCENTAGE or TEXT.", "data"),
        };
        if (!ok)
        {
            throw GitHostException.Invalid(
                $"The value of data field '{Title}' does not fit its type {Type ?? "(none: a string, number or boolean)"}.", "data");
        }
    }

    private static bool IsLink(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("href", out var href) || href.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            InsightValidation.HttpUrl(href.GetString(), "data");
        }
        catch (GitHostException)
        {
            return false;
        }

        return !value.TryGetProperty("linktext", out var text) || (text.ValueKind == JsonValueKind.String && text.GetString()!.Length <= MaxText);
    }
}
