using GitHost.Core.Failures;
using GitHost.Server.Auth;
using GitHost.Services.Markup;
using GitHost.Services.PullRequests;

namespace GitHost.Server.Comments;

/// <summary><c>POST /rest/api/1.0/markup/preview</c>: the body (markdown as text) rendered and sanitized, as <c>{html}</c>.</summary>
internal static class MarkupEndpoints
{
    public static RouteGroupBuilder MapMarkupEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/markup/preview", PreviewAsync);
        return api;
    }

    private static async Task<IResult> PreviewAsync(HttpContext http, MarkupRenderer markup)
    {
        PullRequestAccess.DemandUser(http.GetPrincipal());
        using var reader = new StreamReader(http.Request.Body);
        var text = await reader.ReadToEndAsync(http.RequestAborted);
        if (text.Length > Services.Comments.CommentFailures.MaxText)
        {
            throw GitHostException.Invalid($"Markup to preview is at most {Services.Comments.CommentFailures.MaxText} characters.", "text");
        }

        return TypedResults.Ok(new Dictionary<string, string> { ["html"] = markup.Render(text) });
    }
}
