using GitHost.Core.Failures;
using GitHost.Core.Security;
using GitHost.Git.Commands;

namespace GitHost.Services.Content.Files;

/// <summary>
/// <c>archive</c>: <c>git archive</c> of a commit (optionally some paths, under a prefix), streamed to
/// the caller as git writes it. Everything is checked before the first byte so a failure is still a
/// clean error response; git gets the resolved commit id and literal pathspecs, never the raw input.
/// </summary>
public sealed class ArchiveService(ContentRepositories repositories, GitCommandRunner git)
{
    public async Task<ArchiveRequest> PrepareAsync(
        Principal principal, string projectKey, string slug, ArchiveQuery query, CancellationToken cancellationToken)
    {
        var format = ArchiveFormats.Parse(query.Format);
        using var repository = await repositories.OpenAsync(principal, projectKey, slug, cancellationToken);
        var commit = CommitResolver.Resolve(repository.Git, query.At, "at");
        var revision = query.At ?? repository.Git.Head.FriendlyName;
        var paths = query.Paths.Where(p => !string.IsNullOrEmpty(p)).Select(p => ContentPath.Parse(p)).ToList();
        foreach (var path in paths)
        {
            ContentNodes.Find(commit, path, revision);
        }

        var prefix = string.IsNullOrEmpty(query.Prefix) ? null : ContentPath.Parse(query.Prefix, "prefix") + "/";
        var name = query.Filename is { Length: > 0 } given ? SafeFileName(given) : DefaultFileName(repository, query.At, commit.Sha, format);
        return new ArchiveRequest(repository.GitDir, commit.Sha, format, prefix, paths, name);
    }

    public async Task WriteAsync(ArchiveRequest request, Stream destination, CancellationToken cancellationToken)
    {
        var command = git.Command("archive").GitDir(request.GitDir).Option("--format=" + ArchiveFormats.GitName(request.Format));
        if (request.Prefix is not null)
        {
            command.OptionWithValue("--prefix=", request.Prefix);
        }

        command.Option("--end-of-options").Value(request.CommitId);
        foreach (var path in request.Paths)
        {
            // A literal pathspec: no globbing, no magic, and never mistaken for an option.
            command.Value(":(literal)" + path);
        }

        var run = await command.StreamAsync((stdout, ct) => stdout.CopyToAsync(destination, ct), cancellationToken);
        run.EnsureSuccess();
    }

    /// <summary>Bitbucket's names: <c>slug-main@abc1234.zip</c> for a ref, <c>slug-&lt;sha&gt;.zip</c> for a commit id.</summary>
    private static string DefaultFileName(OpenedRepository repository, string? at, string sha, ArchiveFormat format)
    {
        var slug = repository.Entity.Repository.Slug;
        var extension = ArchiveFormats.Extension(format);
        var isCommitId = at is not null && at.All(char.IsAsciiHexDigit) && sha.StartsWith(at, StringComparison.OrdinalIgnoreCase);
        if (isCommitId)
        {
            return $"{slug}-{sha}.{extension}";
        }

        var reference = at ?? repository.Git.Head.FriendlyName;
        var shortName = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..]
            : reference.StartsWith("refs/tags/", StringComparison.Ordinal) ? reference["refs/tags/".Length..]
            : reference;
        return SafeFileName($"{slug}-{shortName}@{sha[..7]}.{extension}");
    }

    /// <summary>A name fit for a Content-Disposition header: no separators, quotes or control characters.</summary>
    private static string SafeFileName(string name) =>
        new(name.Take(200).Select(c => char.IsControl(c) || c is '/' or '\\' or '"' or ';' ? '_' : c).ToArray());
}

public sealed record ArchiveQuery(string? At, string? Format, IReadOnlyList<string> Paths, string? Prefix, string? Filename);

public sealed record ArchiveRequest(string GitDir, string CommitId, ArchiveFormat Format, string? Prefix, IReadOnlyList<ContentPath> Paths, string FileName);
