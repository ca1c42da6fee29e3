namespace GitHost.Server.Webhooks;

/// <summary>Webhooks: their management over REST and delivery of outbox events.</summary>
internal static class WebhookRegistration
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app) => app;
}
