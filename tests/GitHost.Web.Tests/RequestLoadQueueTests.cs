using Bunit;
using GitHost.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GitHost.Web.Tests;

/// <summary>
/// A page renders as soon as its loading first awaits; a child that loads must still wait until the page is
/// done, because both load through the request's one database context.
/// </summary>
public sealed class RequestLoadQueueTests : BunitContext
{
    public RequestLoadQueueTests()
    {
        AddAuthorization();
        Services.AddScoped<WebUser>();
        Services.AddScoped<RequestLoadQueue>();
        Services.AddSingleton<LoadLog>();
    }

    [Fact]
    public void A_child_starts_loading_only_after_the_page_has_finished_loading()
    {
        var log = Services.GetRequiredService<LoadLog>();

        var page = Render<LoadingPage>();
        // The page has rendered its child (its gate field is set) and is still waiting for its query.
        Assert.Single(page.FindComponents<LoadingChild>());
        Assert.Equal(["page started"], log.Entries);

        log.PageQuery.SetResult();

        page.WaitForAssertion(() => Assert.Equal(["page started", "page done", "child started"], log.Entries));
    }

    public sealed class LoadLog
    {
        private readonly Lock _lock = new();
        private readonly List<string> _entries = [];

        public TaskCompletionSource PageQuery { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Entries
        {
            get
            {
                lock (_lock)
                {
                    return [.. _entries];
                }
            }
        }

        public void Add(string entry)
        {
            lock (_lock)
            {
                _entries.Add(entry);
            }
        }
    }

    public sealed class LoadingPage : WebPageBase
    {
        private bool _ready;

        [Inject] private LoadLog Log { get; set; } = default!;

        protected override async Task OnParametersSetAsync()
        {
            Log.Add("page started");
            _ready = true;
            await Log.PageQuery.Task;
            Log.Add("page done");
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            if (_ready)
            {
                builder.OpenComponent<LoadingChild>(0);
                builder.CloseComponent();
            }
        }
    }

    public sealed class LoadingChild : WebPageBase
    {
        [Inject] private LoadLog Log { get; set; } = default!;

        protected override Task OnParametersSetAsync()
        {
            Log.Add("child started");
            return Task.CompletedTask;
        }
    }
}
