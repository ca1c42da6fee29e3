using GitHost.Server.Hosting;
using GitHost.Ssh;
using GitHost.Ssh.Hosting;

namespace GitHost.Server.GitSsh;

internal static class GitSshRegistration
{
    /// <summary>
    /// The embedded SSH server (section <c>GitHost:Ssh</c>; <c>Enabled</c> true, port 7999 by default)
    /// with GitHost's key lookup and git door; host keys in <c>&lt;home&gt;/shared/ssh</c> unless
    /// <c>HostKeyDirectory</c> is an absolute path.
    /// </summary>
    public static IServiceCollection AddGitSsh(this IServiceCollection services)
    {
        services.AddGitHostSsh<GitSshAuthenticator, GitSshDoor>();
        services.AddOptions<SshServerOptions>().PostConfigure<DataHome>((options, home) =>
            options.HostKeyDirectory = Path.Combine(home.Shared, options.HostKeyDirectory));
        services.AddSingleton<GitSshEndpoint>();
        services.AddSingleton<GitSshBaseUrl>();
        return services;
    }
}
