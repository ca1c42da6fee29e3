using GitHost.Core.Paging;

namespace GitHost.Server.Rest;

/// <summary>Bitbucket's paging envelope. <c>nextPageStart</c> appears only when more pages follow.</summary>
public sealed record RestPage<T>(int Size, int Limit, bool IsLastPage, int Start, int? NextPageStart, IReadOnlyList<T> Values)
{
    public static RestPage<T> From<TSource>(Page<TSource> page, Func<TSource, T> map) =>
        new(page.Values.Count, page.Request.Limit, page.IsLastPage, page.Request.Start, page.NextPageStart, page.Values.Select(map).ToList());

    public static RestPage<T> From(Page<T> page) =>
        new(page.Values.Count, page.Request.Limit, page.IsLastPage, page.Request.Start, page.NextPageStart, page.Values);
}
