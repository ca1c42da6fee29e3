using GitHost.Core.Paging;
using Microsoft.EntityFrameworkCore;

namespace GitHost.Services.Common;

public static class QueryablePaging
{
    /// <summary>Fetches one row more than the page to learn whether it is the last, without a COUNT.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken cancellationToken)
    {
        var rows = await ordered.Skip(request.Start).Take(request.Limit + 1).ToListAsync(cancellationToken);
        var isLast = rows.Count <= request.Limit;
        if (!isLast)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new Page<T>(rows, request, isLast);
    }
}
