using GitHost.Core.Security;
using GitHost.Data.Users;
using GitHost.Server.PullRequests;
using GitHost.Server.Rest;
using GitHost.Services.Comments;
using GitHost.Services.Markup;
using GitHost.Services.PullRequests;

namespace GitHost.Server.Comments;

/// <summary>Comments to Bitbucket's RestComment JSON for a reader: with what they may do, and the HTML when asked (<c>?markup=true</c>).</summary>
internal sealed class CommentRestMapping(RestMapper mapper, MarkupRenderer markup, IReadOnlyDictionary<string, UserEntity>? mentioned = null)
{
    /// <summary>
    /// This mapping with the users the comments mention resolved, when the reader asked for HTML
    /// (<c>?markup=true</c>): mentions are rendered as links to those users.
    /// </summary>
    public async Task<CommentRestMapping> MentioningAsync(HttpContext http, IReadOnlyCollection<CommentNode> nodes)
    {
        if (nodes.Count == 0 || !QueryValues.Flag(http.Request, "markup"))
        {
            return this;
        }

        var mentions = http.RequestServices.GetRequiredService<CommentMentions>();
        var texts = nodes.SelectMany(Flatten).Select(n => n.Comment.Text);
        return new CommentRestMapping(mapper, markup, await mentions.ResolveAsync(texts, nodes.First().Comment.RepositoryId, http.RequestAborted));
    }

    public Dictionary<string, object?> ToRest(CommentNode node, Principal viewer, PullRequestTarget target, bool withMarkup) =>
        CommentWire.ToWire(node, (user, id) => mapper.UserOrFormer(user, id), (comment, wire) =>
        {
            var (editable, deletable, transitionable) = PullRequestComments.Permitted(viewer, target, comment.Comment);
            wire["permittedOperations"] = new Dictionary<string, object?>
            {
                ["editable"] = editable,
                ["transitionable"] = transitionable,
                ["deletable"] = deletable && comment.Replies.Count == 0,
            };
            if (withMarkup)
            {
                wire["html"] = Html(comment.Comment.Text);
            }
        });

    public Dictionary<string, object?> ToRest(CommentNode node, Principal viewer, CommitCommentTarget target, bool withMarkup) =>
        CommentWire.ToWire(node, (user, id) => mapper.UserOrFormer(user, id), (comment, wire) =>
        {
            var (editable, deletable) = CommitComments.Permitted(viewer, target, comment.Comment);
            wire["permittedOperations"] = new Dictionary<string, object?>
            {
                ["editable"] = editable,
                ["transitionable"] = false,
                ["deletable"] = deletable && comment.Replies.Count == 0,
            };
            if (withMarkup)
            {
                wire["html"] = Html(comment.Comment.Text);
            }
        });

    private string Html(string text) => mentioned is null ? markup.Render(text) : markup.Render(text, mentioned);

    private static IEnumerable<CommentNode> Flatten(CommentNode node) => node.Replies.SelectMany(Flatten).Prepend(node);
}
