namespace GitHost.Services.Webhooks;

/// <summary>
/// What one attempt got: a status code (any answer) or an error (no answer), with timings in epoch
/// ms and the headers sent (credentials redacted, so they can be shown and stored).
/// </summary>
public sealed record DeliveryOutcome(
    long StartDate, long FinishDate, int? StatusCode, string? Error, string? ResponseBody, IReadOnlyDictionary<string, string> RequestHeaders,
    string? ErrorKind = null, int RequestBodySize = 0)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public long Duration => FinishDate - StartDate;
}
