using System.Diagnostics.CodeAnalysis;
using GitHost.Git.Transport;

namespace GitHost.Server.GitSsh;

/// <summary>
/// The one kind of command line GitHost runs over SSH, parsed strictly: a git service and one path in
/// single quotes, exactly as git's ssh transport sends it:
/// <code>
/// git-upload-pack '/PROJ/repo.git'      git-receive-pack 'PROJ/repo'      git upload-pack '~jdoe/dots.git'
/// git-upload-archive '/proj/repo.git'
/// </code>
/// The path is <c>[/]{projectKey}/{slug}[.git]</c> or <c>[/]~{user}/{slug}[.git]</c> (key in any case).
/// Nothing is ever handed to a shell; anything else (other programs, several arguments, quotes inside
/// the path, <c>..</c>, control characters) is refused with a line saying what is accepted.
/// </summary>
internal sealed record GitSshCommand(GitService Service, string ProjectKey, string Repository)
{
    private const int MaxLength = 1024;

    private static readonly (string Prefix, GitService Service)[] Verbs =
    [
        ("git-upload-pack ", GitService.UploadPack),
        ("git-receive-pack ", GitService.ReceivePack),
        ("git-upload-archive ", GitService.UploadArchive),
        ("git upload-pack ", GitService.UploadPack),
        ("git receive-pack ", GitService.ReceivePack),
        ("git upload-archive ", GitService.UploadArchive),
    ];

    public const string Usage =
        "GitHost runs only git over SSH (git-upload-pack, git-receive-pack, git-upload-archive): " +
        "use git clone ssh://git@<host>:<port>/<PROJECT>/<repository>.git.";

    /// <param name="refusal">When false: the one line to print to the client.</param>
    public static bool TryParse(string line, [NotNullWhen(true)] out GitSshCommand? command, out string refusal)
    {
        command = null;
        refusal = Usage;
        if (line.Length is 0 or > MaxLength || line.Any(char.IsControl))
        {
            return false;
        }

        var (prefix, service) = Verbs.FirstOrDefault(v => line.StartsWith(v.Prefix, StringComparison.Ordinal));
        if (prefix is null)
        {
            return false;
        }

        var argument = line[prefix.Length..];
        if (argument.Length < 3 || argument[0] != '\'' || argument[^1] != '\'' || argument[1..^1].IndexOfAny(['\'', '\\', '!']) >= 0)
        {
            refusal = $"{service.WireName()} expects one repository path in single quotes, e.g. {service.WireName()} '/PROJECT/repository.git'.";
            return false;
        }

        var path = argument[1..^1];
        var segments = (path.StartsWith('/') ? path[1..] : path).Split('/');
        if (segments.Length != 2 || !IsKey(segments[0]) || !IsSlug(segments[1]))
        {
            refusal = $"'{path}' is not a repository path. Use /PROJECT/repository.git, or /~user/repository.git for a personal repository.";
            return false;
        }

        command = new GitSshCommand(service, segments[0], segments[1]);
        return true;
    }

    private static bool IsKey(string segment)
    {
        var name = segment.StartsWith('~') ? segment[1..] : segment;
        return IsName(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '@');
    }

    private static bool IsSlug(string segment) => IsName(segment) && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static bool IsName(string name) => name.Length is > 0 and <= 256 && !name.Contains("..", StringComparison.Ordinal) && name[0] != '.' && name[0] != '-';
}
