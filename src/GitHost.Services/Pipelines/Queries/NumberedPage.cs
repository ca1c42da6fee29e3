using GitHost.Core.Failures;

namespace GitHost.Services.Pipelines.Queries;

/// <summary>Bitbucket Cloud's paging, which its pipelines API uses: <c>page</c> from 1, <c>pagelen</c> up to 100, <c>size</c> the total.</summary>
public sealed record NumberedPage<T>(IReadOnlyList<T> Values, int Page, int PageLength, int Size)
{
    public const int DefaultLength = 10;
    public const int MaxLength = 100;

    public static (int Page, int Length) Parse(int? page, int? pagelen)
    {
        if (page is < 1)
        {
            throw GitHostException.Invalid("page must be 1 or greater.", "page");
        }

        if (pagelen is < 1 or > MaxLength)
        {
            throw GitHostException.Invalid($"pagelen must be between 1 and {MaxLength}.", "pagelen");
        }

        return (page ?? 1, pagelen ?? DefaultLength);
    }
}
