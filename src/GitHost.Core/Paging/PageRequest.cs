namespace GitHost.Core.Paging;

/// <summary>Bitbucket's <c>start</c>/<c>limit</c> paging: 0-based offset, default 25, capped.</summary>
public readonly record struct PageRequest(int Start, int Limit)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 1000;

    public static PageRequest Create(int? start, int? limit)
    {
        if (start is < 0)
        {
            throw Failures.GitHostException.Invalid("start must be 0 or greater.", "start");
        }

        if (limit is < 1)
        {
            throw Failures.GitHostException.Invalid("limit must be 1 or greater.", "limit");
        }

        return new PageRequest(start ?? 0, Math.Min(limit ?? DefaultLimit, MaxLimit));
    }
}
