using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitHost.Ssh.Hosting;

public static class SshServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded SSH server as a hosted service, its options bound from
    /// "GitHost:Ssh" and validated at start, and the two seams as singletons.
    /// </summary>
    public static IServiceCollection AddGitHostSsh<TAuthenticator, TCommandHandler>(this IServiceCollection services)
        where TAuthenticator : class, ISshAuthenticator
        where TCommandHandler : class, ISshCommandHandler
    {
        services.AddOptions<SshServerOptions>().BindConfiguration(SshServerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ISshAuthenticator, TAuthenticator>();
        services.AddSingleton<ISshCommandHandler, TCommandHandler>();
        services.AddSingleton(sp => new SshServer(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SshServerOptions>>(),
            sp.GetRequiredService<ISshAuthenticator>(),
            sp.GetRequiredService<ISshCommandHandler>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SshServer>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SshHostedService>();
        return services;
    }
}
