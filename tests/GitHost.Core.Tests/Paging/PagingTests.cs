using GitHost.Core.Failures;
using GitHost.Core.Paging;
using Xunit;

namespace GitHost.Core.Tests.Paging;

public sealed class PagingTests
{
    [Theory]
    [InlineData(null, null, 0, 25)]
    [InlineData(10, 5, 10, 5)]
    [InlineData(0, 1000, 0, 1000)]
    [InlineData(0, 5000, 0, 1000)]
    public void Request_defaults_to_25_and_caps_at_1000(int? start, int? limit, int expectedStart, int expectedLimit) =>
        Assert.Equal(new PageRequest(expectedStart, expectedLimit), PageRequest.Create(start, limit));

    [Theory]
    [InlineData(-1, null, "start")]
    [InlineData(null, 0, "limit")]
    [InlineData(null, -5, "limit")]
    public void Negative_start_or_non_positive_limit_is_invalid(int? start, int? limit, string context)
    {
        var failure = Assert.Throws<GitHostException>(() => PageRequest.Create(start, limit));

        Assert.Equal(FailureKind.Invalid, failure.Kind);
        Assert.Equal(context, failure.Context);
    }

    [Theory]
    [InlineData(0, 2, new[] { 1, 2 }, false, 2)]
    [InlineData(2, 2, new[] { 3, 4 }, false, 4)]
    [InlineData(4, 2, new[] { 5 }, true, null)]
    [InlineData(2, 3, new[] { 3, 4, 5 }, true, null)]
    [InlineData(10, 2, new int[0], true, null)]
    public void Pages_of_an_ordered_list_walk_it_once(int start, int limit, int[] expected, bool isLast, int? nextPageStart)
    {
        var page = Page<int>.From([1, 2, 3, 4, 5], new PageRequest(start, limit));

        Assert.Equal(expected, page.Values);
        Assert.Equal(isLast, page.IsLastPage);
        Assert.Equal(nextPageStart, page.NextPageStart);
    }

    [Fact]
    public void Map_keeps_the_request_and_last_page_flag()
    {
        var page = Page<int>.From([1, 2, 3], new PageRequest(0, 2));

        var mapped = page.Map(i => "#" + i);

        Assert.Equal(["#1", "#2"], mapped.Values);
        Assert.Equal(page.Request, mapped.Request);
        Assert.False(mapped.IsLastPage);
        Assert.Equal(2, mapped.NextPageStart);
    }
}
