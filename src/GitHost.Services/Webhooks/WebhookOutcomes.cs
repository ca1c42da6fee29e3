namespace GitHost.Services.Webhooks;

/// <summary>Bitbucket's invocation outcomes: SUCCESS (2xx), FAILURE (another answer), ERROR (no answer).</summary>
public static class WebhookOutcomes
{
    public const string Success = "SUCCESS";
    public const string Failure = "FAILURE";
    public const string Error = "ERROR";

    public static string Of(DeliveryOutcome outcome) => Of(outcome.StatusCode);

    public static string Of(int? statusCode) => statusCode is null ? Error : statusCode is >= 200 and < 300 ? Success : Failure;
}
