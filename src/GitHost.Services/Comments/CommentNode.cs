using GitHost.Data.Comments;
using GitHost.Data.Users;

namespace GitHost.Services.Comments;

/// <summary>A comment with the users it names and its replies, oldest first (Bitbucket's nested <c>comments</c>).</summary>
public sealed record CommentNode(
    CommentEntity Comment,
    UserEntity? Author,
    UserEntity? Resolver,
    UserEntity? ThreadResolver,
    IReadOnlyList<CommentNode> Replies,
    IReadOnlyList<CommentReactionSummary>? Reactions = null);

/// <summary>One emoticon on a comment and who reacted with it, first reaction first (Bitbucket's <c>properties.reactions[]</c>).</summary>
public sealed record CommentReactionSummary(string Shortcut, string Value, IReadOnlyList<(long Id, UserEntity? User)> Users);
