using GitHost.Data.Comments;
using GitHost.Data.Users;

namespace GitHost.Services.Comments;

/// <summary>A comment with the users it names and its replies, oldest first (Bitbucket's nested <c>comments</c>).</summary>
public sealed record CommentNode(
    CommentEntity Comment,
    UserEntity? Author,
    UserEntity? Resolver,
    UserEntity? ThreadResolver,
    IReadOnlyList<CommentNode> Replies);
