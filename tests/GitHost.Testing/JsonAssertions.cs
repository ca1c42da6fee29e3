using System.Net;
using System.Text.Json;
using Xunit;

namespace GitHost.Testing;

/// <summary>Reading and checking REST answers in tests.</summary>
public static class JsonAssertions
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and, for errors, Bitbucket's envelope; returns the body (or default when empty).</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        if (text.Length == 0)
        {
            return default;
        }

        var body = JsonDocument.Parse(text).RootElement.Clone();
        if ((int)status >= 400)
        {
            var error = body.GetProperty("errors")[0];
            Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
            Assert.StartsWith("com.atlassian.bitbucket.", error.GetProperty("exceptionName").GetString());
            Assert.True(error.TryGetProperty("context", out _), "error envelope must carry 'context'");
        }

        return body;
    }

    public static string ExceptionName(this JsonElement errorBody) =>
        errorBody.GetProperty("errors")[0].GetProperty("exceptionName").GetString()!;
}
