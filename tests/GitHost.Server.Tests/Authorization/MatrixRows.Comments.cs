namespace GitHost.Server.Tests.Authorization;

public static partial class MatrixRows
{
    private const string Likes = "/rest/comment-likes/1.0/projects/" + MatrixWorld.ProjectKey + "/repos/" + MatrixWorld.RepoSlug;
    private static readonly int[] CommentCreators = [401, 404, 201, 201, 201, 201];
    private static readonly int[] NoSuchComment = [401, 404, 404, 404, 404, 404];

    /// <summary>Comments, tasks, reviews and reactions on pull requests and commits.</summary>
    private static MatrixRow[] CommentRows =>
    [
        new("GET", PullRequest + "/comments?path=README.md", null, ProjectReaders),
        new("POST", PullRequest + "/comments", s => new { text = "comment " + s }, CommentCreators),
        new("POST", PullRequest + "/comments?markup=true", s => new { text = "line " + s, anchor = new { path = "README.md", line = 2, lineType = "ADDED" } }, CommentCreators),
        new("GET", PullRequest + "/comments/999999", null, NoSuchComment),
        new("PUT", PullRequest + "/comments/999999", _ => new { text = "t", version = 0 }, NoSuchComment),
        new("DELETE", PullRequest + "/comments/999999?version=0", null, NoSuchComment),
        new("POST", PullRequest + "/comments/999999/apply-suggestion", _ => new { commentVersion = 0, pullRequestVersion = 0, suggestionIndex = 0 }, [401, 404, 401, 404, 404, 404]),
        new("GET", PullRequest + "/blocker-comments", null, ProjectReaders),
        new("POST", PullRequest + "/blocker-comments", s => new { text = "task " + s }, CommentCreators),
        new("GET", PullRequest + "/blocker-comments/999999", null, NoSuchComment),
        new("PUT", PullRequest + "/blocker-comments/999999", _ => new { text = "t", version = 0, state = "RESOLVED" }, NoSuchComment),
        new("DELETE", PullRequest + "/blocker-comments/999999?version=0", null, NoSuchComment),
        new("GET", PullRequest + "/review", null, ProjectReaders),
        new("PUT", PullRequest + "/review", _ => new { }, ProjectReaders),
        new("DELETE", PullRequest + "/review", null, [401, 404, 204, 204, 204, 204]),
        new("GET", Repo + "/commits/main/comments", null, ProjectReaders),
        new("GET", Repo + "/commits/main/comments?path=README.md", null, ProjectReaders),
        new("POST", Repo + "/commits/main/comments", s => new { text = "on a commit " + s }, CommentCreators),
        new("GET", Repo + "/commits/main/comments/999999", null, NoSuchComment),
        new("PUT", Repo + "/commits/main/comments/999999", _ => new { text = "t", version = 0 }, NoSuchComment),
        new("DELETE", Repo + "/commits/main/comments/999999?version=0", null, NoSuchComment),
        new("PUT", Likes + "/pull-requests/1/comments/999999/reactions/thumbsup", null, NoSuchComment),
        new("DELETE", Likes + "/pull-requests/1/comments/999999/reactions/thumbsup", null, NoSuchComment),
        new("PUT", Likes + "/commits/main/comments/999999/reactions/thumbsup", null, NoSuchComment),
        new("DELETE", Likes + "/commits/main/comments/999999/reactions/thumbsup", null, NoSuchComment),
        new("POST", Api + "/markup/preview", _ => "# hello", Licensed),
    ];
}
