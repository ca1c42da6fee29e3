namespace GitHost.Server.Hosting;

/// <summary><c>GitHost</c>: what the server says about itself.</summary>
public sealed class ServerOptions
{
    public const string SectionName = "GitHost";

    /// <summary>Public URL used in links and clone URLs, e.g. <c>https://git.example.com</c>. Defaults to the request's own.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Largest REST request body, in bytes.</summary>
    public long MaxRestBodyBytes { get; set; } = 1024 * 1024;
}
