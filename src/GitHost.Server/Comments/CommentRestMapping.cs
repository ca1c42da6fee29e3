using GitHost.Core.Security;
using GitHost.Server.PullRequests;
using GitHost.Server.Rest;
using GitHost.Services.Comments;
using GitHost.Services.Markup;
using GitHost.Services.PullRequests;

namespace GitHost.Server.Comments;

/// <summary>Comments to Bitbucket's RestComment JSON for a reader: with what they may do, and the HTML when asked (<c>?markup=true</c>).</summary>
internal sealed class CommentRestMapping(RestMapper mapper, MarkupRenderer markup)
{
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
                wire["html"] = markup.Render(comment.Comment.Text);
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
                wire["html"] = markup.Render(comment.Comment.Text);
            }
        });
}
