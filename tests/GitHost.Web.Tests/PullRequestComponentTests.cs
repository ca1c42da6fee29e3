using Bunit;
using GitHost.Core.PullRequests;
using GitHost.Data.Comments;
using GitHost.Data.Projects;
using GitHost.Data.PullRequests;
using GitHost.Data.Repositories;
using GitHost.Data.Users;
using GitHost.Services.Comments;
using GitHost.Services.Markup;
using GitHost.Services.PullRequests;
using GitHost.Services.PullRequests.Merges;
using GitHost.Services.Repositories;
using GitHost.Web.PullRequests;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Web.Tests;

public sealed class PullRequestComponentTests : BunitContext
{
    public PullRequestComponentTests()
    {
        Services.AddSingleton(new MarkupRenderer());
        Services.AddSingleton(TimeProvider.System);
        Services.AddAntiforgery();
    }

    [Fact]
    public void A_thread_renders_markdown_sanitized_with_its_replies_and_one_reply_form()
    {
        var reply = Node(2, "Agreed, **fixing**", "bob");
        var root = Node(1, "Is this *right*? <script>alert(1)</script> [x](javascript:alert(2))", "ana", [reply]);

        var thread = Render<CommentThread>(p => p.Add(x => x.Node, root).Add(x => x.CanComment, true));

        Assert.Equal("right", thread.Find("#comment-1 .comment-body em").TextContent);
        Assert.Empty(thread.FindAll("script"));
        Assert.DoesNotContain("javascript:", thread.Markup, StringComparison.Ordinal);
        Assert.Equal("fixing", thread.Find("#comment-2 .comment-body strong").TextContent);
        var forms = thread.FindAll("form");
        Assert.Single(forms);
        Assert.Equal("1", forms[0].QuerySelector("input[name='Input.ParentId']")!.GetAttribute("value"));
    }

    [Fact]
    public void Markdown_keeps_only_the_suggestion_class_so_a_comment_cannot_take_the_page_s_styles()
    {
        var html = new MarkupRenderer().Render("```suggestion\nx\n```\n\n```csharp\ny\n```\n\n[a](https://example.com){.button}");

        Assert.Contains("<code class=\"language-suggestion\">", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "class="));
    }

    [Fact]
    public void A_task_is_marked_and_a_resolved_one_says_so()
    {
        var task = Node(3, "Add a test", "ana");
        task.Comment.Severity = CommentSeverity.Blocker;
        task.Comment.State = CommentState.Resolved;

        var thread = Render<CommentThread>(p => p.Add(x => x.Node, task));

        Assert.Contains("task", thread.Find("article").ClassList);
        Assert.Equal("Task resolved", thread.Find(".badge").TextContent);
        Assert.Empty(thread.FindAll("form"));
    }

    [Fact]
    public void Each_suggestion_of_a_line_comment_on_the_current_head_gets_an_apply_button_for_a_writer()
    {
        var node = Node(4, "Either\n```suggestion\nTWO\n```\nor\n```suggestion\n2\n```\n", "ana");
        node.Comment.Version = 3;
        node.Comment.Anchor = new CommentAnchor { Path = "src/app.txt", Line = 2, LineType = "ADDED", FileType = "TO", DiffType = "EFFECTIVE", ToHash = "head" };

        var writer = Render<CommentThread>(p => p.Add(x => x.Node, node).Add(x => x.Suggestions, new SuggestionTarget("head", 9)));
        var reader = Render<CommentThread>(p => p.Add(x => x.Node, node));
        var moved = Render<CommentThread>(p => p.Add(x => x.Node, node).Add(x => x.Suggestions, new SuggestionTarget("newer-head", 10)));

        Assert.Equal(2, writer.FindAll(".comment-body pre > code.language-suggestion").Count);
        var forms = writer.FindAll("form.apply-suggestion");
        Assert.Equal(["Apply suggestion 1", "Apply suggestion 2"], forms.Select(f => f.QuerySelector("button")!.TextContent.Trim()));
        string Field(int form, string name) => forms[form].QuerySelector($"input[name='Input.{name}']")!.GetAttribute("value")!;
        Assert.Equal(("apply-suggestion", "4", "3", "9", "1"), (Field(1, "Action"), Field(1, "CommentId"), Field(1, "CommentVersion"), Field(1, "Version"), Field(1, "SuggestionIndex")));
        Assert.Empty(reader.FindAll("form.apply-suggestion"));
        Assert.Empty(moved.FindAll("form.apply-suggestion"));
    }

    [Fact]
    public void The_merge_panel_lists_the_vetoes_and_disables_merge_while_any_holds()
    {
        var view = View(ParticipantStatus.NeedsWork);
        var vetoes = new MergeStatusView(false, false, "UNKNOWN", [new MergeVeto("Needs 2 approvals", "It has 0 of the 2 approvals it needs.")]);
        var strategies = MergeStrategies.All.Take(2).ToList();

        var panel = Render<ReviewPanel>(p => p
            .Add(x => x.View, view).Add(x => x.Merge, vetoes).Add(x => x.Strategies, strategies)
            .Add(x => x.DefaultStrategy, "ff").Add(x => x.CanMerge, true).Add(x => x.CanReview, true));

        Assert.Equal("Needs 2 approvals", panel.Find(".vetoes strong").TextContent);
        Assert.True(panel.Find(".merge-form button").HasAttribute("disabled"));
        Assert.Equal("ff", panel.Find("#merge-strategy option[selected]").GetAttribute("value"));
        Assert.Equal("needs work", panel.Find(".people .verdict").TextContent);
        Assert.Contains(panel.FindAll("form input[name='Input.Action']"), i => i.GetAttribute("value") == "approve");
    }

    [Fact]
    public void A_mergeable_pull_request_says_so_and_offers_merge_but_not_review_to_its_author()
    {
        var view = View(ParticipantStatus.Approved);

        var panel = Render<ReviewPanel>(p => p
            .Add(x => x.View, view).Add(x => x.Merge, new MergeStatusView(true, false, "CLEAN", []))
            .Add(x => x.Strategies, MergeStrategies.All.Take(1).ToList()).Add(x => x.CanMerge, true).Add(x => x.CanReview, false));

        Assert.Contains("Ready to merge", panel.Markup, StringComparison.Ordinal);
        Assert.False(panel.Find(".merge-form button").HasAttribute("disabled"));
        Assert.DoesNotContain(panel.FindAll("form input[name='Input.Action']"), i => i.GetAttribute("value") == "approve");
        Assert.Equal("7", panel.Find(".merge-form input[name='Input.Version']").GetAttribute("value"));
    }

    private static CommentNode Node(long id, string text, string author, IReadOnlyList<CommentNode>? replies = null) => new(
        new CommentEntity { Id = id, Text = text, AuthorId = id, CreatedDate = 1_700_000_000_000 },
        new UserEntity { Id = id, UserName = author, DisplayName = author },
        null,
        null,
        replies ?? []);

    private static PullRequestView View(ParticipantStatus reviewerStatus)
    {
        var repository = new RepositoryDetails
        {
            Repository = new RepositoryEntity { Id = 1, Slug = "repo", Name = "repo" },
            Project = new ProjectEntity { Id = 1, Key = "PRJ", Name = "Project" },
        };
        var reviewer = new UserEntity { Id = 2, UserName = "reviewer", DisplayName = "Re Viewer" };
        return new PullRequestView
        {
            PullRequest = new PullRequestEntity { Id = 1, Number = 1, Version = 7, Title = "T", State = PullRequestState.Open, FromCommit = "abc" },
            Target = repository,
            Source = repository,
            Participants =
            [
                new ParticipantView(new PullRequestParticipantEntity { UserId = 2, Role = ParticipantRole.Reviewer, Status = reviewerStatus }, reviewer),
            ],
        };
    }
}
