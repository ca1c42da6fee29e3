namespace GitHost.Git.Transport;

/// <summary>The git services a client may ask for; nothing else is ever spawned for a client.</summary>
public enum GitService
{
    UploadPack,
    ReceivePack,

    /// <summary><c>git archive --remote</c>; offered over SSH only (smart HTTP has no such service).</summary>
    UploadArchive,
}

public static class GitServices
{
    /// <summary>
    /// The smart HTTP services: <c>git-upload-pack</c> → UploadPack, <c>git-receive-pack</c> → ReceivePack;
    /// anything else (dumb HTTP, <c>git-upload-archive</c>, junk) → null.
    /// </summary>
    public static GitService? Parse(string? wireName) => wireName switch
    {
        "git-upload-pack" => GitService.UploadPack,
        "git-receive-pack" => GitService.ReceivePack,
        _ => null,
    };

    public static string WireName(this GitService service) => "git-" + service.Subcommand();

    /// <summary>The git subcommand: <c>upload-pack</c>, <c>receive-pack</c> or <c>upload-archive</c>.</summary>
    public static string Subcommand(this GitService service) => service switch
    {
        GitService.UploadPack => "upload-pack",
        GitService.ReceivePack => "receive-pack",
        GitService.UploadArchive => "upload-archive",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Not a git service."),
    };

    /// <summary>Whether the service changes the repository (and so needs REPO_WRITE and GitHost's hooks).</summary>
    public static bool Writes(this GitService service) => service == GitService.ReceivePack;
}
