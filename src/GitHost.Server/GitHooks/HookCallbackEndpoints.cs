using System.Text;
using GitHost.Git.Hooks;
using GitHost.Git.Reading;
using GitHost.Git.Storage;
using GitHost.Services.Git;

namespace GitHost.Server.GitHooks;

/// <summary>
/// Where GitHost's hook scripts call back (architecture decision 4). Not part of the REST API: it
/// answers only on the node's loopback hook listener and only for a live push id; the body is git's hook
/// stdin, the text/plain answer is printed to the pusher as <c>remote:</c> lines, and a 403 makes the
/// script exit non-zero, which makes git refuse the whole push.
/// </summary>
internal static class HookCallbackEndpoints
{
    private const int MaxHookInputBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapHookCallbackEndpoints(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/internal/hooks").ExcludeFromDescription()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxHookInputBytes));
        hooks.MapPost("/pre-receive", PreReceiveAsync);
        hooks.MapPost("/post-receive", PostReceiveAsync);
        return app;
    }

    private static async Task PreReceiveAsync(
        HttpContext context, PushSessions sessions, PushTargets targets, PreReceiveCheck check, PendingPushes pending, RepositoryLayout layout)
    {
        if (await ReadAsync(context, sessions, targets) is not { } call)
        {
            return;
        }

        var reported = context.Request.Headers[HookInstallation.QuarantineHeader].ToString();
        var target = call.Target with { Quarantines = PushQuarantines.Of(layout.PathOf(call.Target.Session.RepositoryId), reported) };
        var result = await check.CheckAsync(target, call.Updates, context.RequestAborted);
        if (!result.Refused)
        {
            // Written before git may move a ref: from here on, a push whose node dies is found and recorded.
            await pending.AddAsync(target, call.Updates, context.RequestAborted);
        }

        await WriteLinesAsync(context, result.Refused ? StatusCodes.Status403Forbidden : StatusCodes.Status200OK, [.. result.Refusals, .. result.Warnings]);
    }

    private static async Task PostReceiveAsync(HttpContext context, PushSessions sessions, PushTargets targets, PostReceive postReceive)
    {
        if (await ReadAsync(context, sessions, targets) is not { } call)
        {
            return;
        }

        var lines = await postReceive.RunAsync(call.Target, call.Updates, context.RequestAborted);
        await WriteLinesAsync(context, StatusCodes.Status200OK, lines);
    }

    private static async Task<(PushTarget Target, IReadOnlyList<RefUpdate> Updates)?> ReadAsync(HttpContext context, PushSessions sessions, PushTargets targets)
    {
        // The hook listener separation already keeps other connections out; a live push id is the capability.
        var session = sessions.Find(context.Request.Headers[HookInstallation.PushIdHeader]);
        if (session is null)
        {
            await WriteLinesAsync(context, StatusCodes.Status404NotFound, ["No such push."]);
            return null;
        }

        string input;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            input = await reader.ReadToEndAsync(context.RequestAborted);
        }

        IReadOnlyList<RefUpdate> updates;
        try
        {
            updates = RefUpdate.ParseAll(input);
        }
        catch (FormatException e)
        {
            await WriteLinesAsync(context, StatusCodes.Status400BadRequest, [e.Message]);
            return null;
        }

        if (await targets.LoadAsync(session, context.RequestAborted) is not { } target)
        {
            await WriteLinesAsync(context, StatusCodes.Status403Forbidden, ["The repository was deleted while you pushed."]);
            return null;
        }

        return (target, updates);
    }

    private static async Task WriteLinesAsync(HttpContext context, int status, IReadOnlyList<string> lines)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (lines.Count > 0)
        {
            await context.Response.WriteAsync(string.Join('\n', lines) + "\n", context.RequestAborted);
        }
    }
}
