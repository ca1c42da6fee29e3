using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.PullRequests;
using GitHost.Server.Rest;
using GitHost.Services.Comments;
using GitHost.Services.Markup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GitHost.Server.Comments;

/// <summary>
/// <c>.../commits/{commitId}/comments[/{commentId}]</c>: comments on a commit, in the pull request
/// comments' shape. Create answers 201; update and delete name the comment's version (stale → 409).
/// </summary>
internal static class CommitCommentEndpoints
{
    private const string Comments = "/projects/{projectKey}/repos/{slug}/commits/{commitId}/comments";

    public static RouteGroupBuilder MapCommitCommentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Comments, ListAsync);
        api.MapPost(Comments, CreateAsync);
        api.MapGet(Comments + "/{commentId:long}", GetAsync);
        api.MapPut(Comments + "/{commentId:long}", UpdateAsync);
        api.MapDelete(Comments + "/{commentId:long}", DeleteAsync);
        return api;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, CommitComments comments, RestMapper mapper, MarkupRenderer markup, string projectKey, string slug, string commitId,
        string? path, string? since, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var (page, target) = await comments.ListAsync(principal, projectKey, slug, commitId, path, since, PageRequest.Create(start, limit), http.RequestAborted);
        var mapping = await new CommentRestMapping(mapper, markup).MentioningAsync(http, page.Values);
        var withMarkup = QueryValues.Flag(http.Request, "markup");
        return TypedResults.Ok(RestPage<Dictionary<string, object?>>.From(page, n => mapping.ToRest(n, principal, target, withMarkup)));
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, CommitComments comments, RestMapper mapper, MarkupRenderer markup, string projectKey, string slug, string commitId, string? since,
        CommentRequest body)
    {
        var principal = http.GetPrincipal();
        var node = await comments.CreateAsync(principal, projectKey, slug, commitId, since, body.ToInput(), http.RequestAborted);
        var (_, target) = await comments.GetAsync(principal, projectKey, slug, commitId, node.Comment.Id, http.RequestAborted);
        var location = http.Request.Path.Value!.TrimEnd('/') + "/" + node.Comment.Id;
        return TypedResults.Created(location, (await new CommentRestMapping(mapper, markup).MentioningAsync(http, [node])).ToRest(node, principal, target, QueryValues.Flag(http.Request, "markup")));
    }

    private static async Task<Dictionary<string, object?>> GetAsync(
        HttpContext http, CommitComments comments, RestMapper mapper, MarkupRenderer markup, string projectKey, string slug, string commitId, long commentId)
    {
        var principal = http.GetPrincipal();
        var (node, target) = await comments.GetAsync(principal, projectKey, slug, commitId, commentId, http.RequestAborted);
        return (await new CommentRestMapping(mapper, markup).MentioningAsync(http, [node])).ToRest(node, principal, target, QueryValues.Flag(http.Request, "markup"));
    }

    private static async Task<Dictionary<string, object?>> UpdateAsync(
        HttpContext http, CommitComments comments, RestMapper mapper, MarkupRenderer markup, string projectKey, string slug, string commitId, long commentId,
        CommentRequest body)
    {
        var principal = http.GetPrincipal();
        await comments.UpdateAsync(principal, projectKey, slug, commitId, commentId, body.ToInput(), http.RequestAborted);
        var (node, target) = await comments.GetAsync(principal, projectKey, slug, commitId, commentId, http.RequestAborted);
        return (await new CommentRestMapping(mapper, markup).MentioningAsync(http, [node])).ToRest(node, principal, target, QueryValues.Flag(http.Request, "markup"));
    }

    /// <summary>Bitbucket takes the version in the query (<c>?version=3</c>); a body's version is taken too.</summary>
    private static async Task<IResult> DeleteAsync(
        HttpContext http, CommitComments comments, string projectKey, string slug, string commitId, long commentId, string? version,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CommentRequest? body)
    {
        var given = PullRequestQueryParser.Version(version) ?? body?.Version;
        await comments.DeleteAsync(http.GetPrincipal(), projectKey, slug, commitId, commentId, given, http.RequestAborted);
        return TypedResults.NoContent();
    }
}
