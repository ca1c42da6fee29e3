namespace GitHost.Core.Paging;

/// <summary>One page of a list. <see cref="IsLastPage"/> is known by fetching one item more than asked.</summary>
public sealed record Page<T>(IReadOnlyList<T> Values, PageRequest Request, bool IsLastPage)
{
    public int? NextPageStart => IsLastPage ? null : Request.Start + Values.Count;

    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Values.Select(map).ToList(), Request, IsLastPage);

    /// <summary>Cuts an in-memory list (already ordered) into a page.</summary>
    public static Page<T> From(IEnumerable<T> all, PageRequest request)
    {
        var slice = all.Skip(request.Start).Take(request.Limit + 1).ToList();
        var isLast = slice.Count <= request.Limit;
        if (!isLast)
        {
            slice.RemoveAt(slice.Count - 1);
        }

        return new Page<T>(slice, request, isLast);
    }
}
