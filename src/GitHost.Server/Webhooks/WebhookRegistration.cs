using GitHost.Server.Rest;
using GitHost.Services.Webhooks;

namespace GitHost.Server.Webhooks;

/// <summary>Webhooks: their management over REST and delivery of outbox events.</summary>
internal static class WebhookRegistration
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName);
        services.AddSingleton<WebhookAddressPolicy>();
        services.AddSingleton<WebhookConnector>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<WebhookSender>();
        services.AddScoped<WebhookService>();
        services.AddScoped<WebhookHistory>();
        services.AddScoped<WebhookFanOut>();
        services.AddScoped<WebhookDeliveryStore>();
        services.AddSingleton<WebhookWriteGate>();
        services.AddScoped<IWebhookEventShaper, RestWebhookEventShaper>();
        AddClient(services, WebhookSender.Client, verifySsl: true);
        AddClient(services, WebhookSender.InsecureClient, verifySsl: false);
        services.AddHostedService<WebhookDispatcher>();
        services.AddOptions<WebhookRetentionOptions>().BindConfiguration(WebhookRetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookRetention>());
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapModule("api", "1.0", api => api.MapWebhookEndpoints());
        return app;
    }

    /// <summary>
    /// Redirects are not followed (a 3xx is the receiver's answer), no proxy (it would connect for
    /// us, past the address check), and every connection goes through <see cref="WebhookConnector"/>.
    /// </summary>
    private static void AddClient(IServiceCollection services, string name, bool verifySsl) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value;
                var connector = provider.GetRequiredService<WebhookConnector>();
                var handler = new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    ConnectTimeout = options.ConnectTimeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    MaxConnectionsPerServer = 64,
                    ConnectCallback = connector.ConnectAsync,
                };
                if (!verifySsl)
                {
                    handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
                }

                return handler;
            });
}
