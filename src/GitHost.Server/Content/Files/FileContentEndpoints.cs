using GitHost.Core.Paging;
using GitHost.Server.Auth;
using GitHost.Server.Content.Commits;
using GitHost.Server.Rest;
using GitHost.Services.Content;
using GitHost.Services.Content.Files;
using Microsoft.Net.Http.Headers;

namespace GitHost.Server.Content.Files;

/// <summary>
/// <c>browse</c>, <c>raw</c>, <c>files</c>, <c>last-modified</c> and <c>archive</c> under
/// <c>/rest/api/1.0/projects/{projectKey}/repos/{slug}</c>. All need REPO_READ; paths are read
/// from git objects only, never from the file system.
/// </summary>
internal static class FileContentEndpoints
{
    private const string Repo = "/projects/{projectKey}/repos/{slug}";

    public static RouteGroupBuilder MapFileContentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Repo + "/browse", (HttpContext http, BrowseService browse, string projectKey, string slug, string? at, int? start, int? limit) =>
            BrowseAsync(http, browse, projectKey, slug, null, at, start, limit));
        api.MapGet(Repo + "/browse/{**path}", BrowseAsync);
        api.MapGet(Repo + "/raw/{**path}", RawAsync);
        api.MapGet(Repo + "/files", (HttpContext http, FileListingService files, string projectKey, string slug, string? at, int? start, int? limit) =>
            FilesAsync(http, files, projectKey, slug, null, at, start, limit));
        api.MapGet(Repo + "/files/{**path}", FilesAsync);
        api.MapGet(Repo + "/last-modified", (HttpContext http, LastModifiedService service, CommitRestMapper commits, string projectKey, string slug, string? at) =>
            LastModifiedAsync(http, service, commits, projectKey, slug, null, at));
        api.MapGet(Repo + "/last-modified/{**path}", LastModifiedAsync);
        api.MapGet(Repo + "/archive", ArchiveAsync);
        return api;
    }

    private static async Task<IResult> BrowseAsync(
        HttpContext http, BrowseService browse, string projectKey, string slug, string? path, string? at, int? start, int? limit)
    {
        var principal = http.GetPrincipal();
        var contentPath = ContentPath.Parse(path);

        // Bitbucket's precedence: size, then type, then content. "?type" without "=true" means false.
        if (IsTrue(http, "size"))
        {
            return TypedResults.Ok(new RestFileSize(await browse.SizeAsync(principal, projectKey, slug, contentPath, at, http.RequestAborted)));
        }

        if (IsTrue(http, "type"))
        {
            var type = await browse.TypeAsync(principal, projectKey, slug, contentPath, at, http.RequestAborted);
            return TypedResults.Ok(new RestNodeType(TypeName(type)));
        }

        // Then blame: with noContent only the blame of the page's lines, as a bare array.
        var blame = QueryValues.Flag(http.Request, "blame");
        var result = await browse.BrowseAsync(principal, projectKey, slug, contentPath, at, start, limit, http.RequestAborted, blame);
        if (blame && QueryValues.Flag(http.Request, "noContent") && result is FileLines blamed)
        {
            return TypedResults.Ok(RestBlame.From(blamed.Blame ?? []));
        }

        return result switch
        {
            DirectoryListing directory => TypedResults.Ok(new RestDirectory(
                RestPath.From(directory.Path),
                directory.Revision,
                RestPage<RestDirectoryChild>.From(directory.Children, c => new RestDirectoryChild(
                    RestPath.Child(c.Path), c.ContentId, TypeName(c.Type), c.Size, c.Type == NodeType.Submodule ? c.ContentId : null)))),
            FileLines file => TypedResults.Ok(new RestFileLines(
                file.Lines.Select(l => new RestLine(l.Text, l.Truncated ? true : null)).ToList(),
                file.Start,
                file.Lines.Count,
                file.IsLastPage,
                file.Limit,
                file.NextPageStart)
            {
                Blame = file.Blame is null ? null : RestBlame.From(file.Blame),
            }),
            _ => TypedResults.Ok(new RestBinaryFile(true, RestPath.From(result.Path))),
        };
    }

    private static async Task RawAsync(HttpContext http, RawService raw, string projectKey, string slug, string path, string? at)
    {
        var file = await raw.FindAsync(http.GetPrincipal(), projectKey, slug, ContentPath.Parse(path), at, http.RequestAborted);
        var response = http.Response;
        var contentType = RawContentTypes.For(file.Path.Name);
        response.ContentType = contentType;
        response.ContentLength = file.Size;
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
        var disposition = new ContentDispositionHeaderValue(contentType == RawContentTypes.Binary ? "attachment" : "inline");
        disposition.SetHttpFileName(file.Path.Name);
        response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        await raw.CopyToAsync(file, response.Body, http.RequestAborted);
    }

    private static async Task<RestPage<string>> FilesAsync(
        HttpContext http, FileListingService files, string projectKey, string slug, string? path, string? at, int? start, int? limit)
    {
        var page = await files.ListAsync(
            http.GetPrincipal(), projectKey, slug, ContentPath.Parse(path), at, PageRequest.Create(start, limit), http.RequestAborted);
        return RestPage<string>.From(page);
    }

    private static async Task<RestLastModified> LastModifiedAsync(
        HttpContext http, LastModifiedService service, CommitRestMapper commits, string projectKey, string slug, string? path, string? at)
    {
        var found = await service.FindAsync(http.GetPrincipal(), projectKey, slug, ContentPath.Parse(path), at, http.RequestAborted);

        // One mapping call for every commit, so authors are matched to users in one query.
        var files = found.Files.ToList();
        var rest = await commits.ToRestAsync([found.LatestCommit, .. files.Select(f => f.Value)], http.RequestAborted);
        return new RestLastModified(
            files.Zip(rest.Skip(1)).ToDictionary(f => f.First.Key, f => f.Second, StringComparer.Ordinal),
            rest[0]);
    }

    private static async Task ArchiveAsync(
        HttpContext http, ArchiveService archives, string projectKey, string slug, string? at, string? format, string? prefix, string? filename)
    {
        var paths = http.Request.Query["path"].OfType<string>().ToList();
        var request = await archives.PrepareAsync(
            http.GetPrincipal(), projectKey, slug, new ArchiveQuery(at, format, paths, prefix, filename), http.RequestAborted);
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(request.FileName);
        http.Response.ContentType = ArchiveFormats.ContentType(request.Format);
        http.Response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        await archives.WriteAsync(request, http.Response.Body, http.RequestAborted);
    }

    private static bool IsTrue(HttpContext http, string name) =>
        bool.TryParse(http.Request.Query[name].ToString(), out var value) && value;

    internal static string TypeName(NodeType type) => type switch
    {
        NodeType.File => "FILE",
        NodeType.Directory => "DIRECTORY",
        _ => "SUBMODULE",
    };
}
