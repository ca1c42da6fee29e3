namespace GitHost.Git.Transport;

/// <summary>The two git services a client may ask for; nothing else is ever spawned for a client.</summary>
public enum GitService
{
    UploadPack,
    ReceivePack,
}

public static class GitServices
{
    /// <summary><c>git-upload-pack</c> → UploadPack; anything else (dumb HTTP, <c>git-upload-archive</c>, junk) → null.</summary>
    public static GitService? Parse(string? wireName) => wireName switch
    {
        "git-upload-pack" => GitService.UploadPack,
        "git-receive-pack" => GitService.ReceivePack,
        _ => null,
    };

    public static string WireName(this GitService service) => service == GitService.UploadPack ? "git-upload-pack" : "git-receive-pack";

    /// <summary>The git subcommand: <c>upload-pack</c> or <c>receive-pack</c>.</summary>
    public static string Subcommand(this GitService service) => service == GitService.UploadPack ? "upload-pack" : "receive-pack";
}
