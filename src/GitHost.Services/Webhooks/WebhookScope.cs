namespace GitHost.Services.Webhooks;

/// <summary>Where an event happened: webhooks of the repository and of its project receive it.</summary>
public readonly record struct WebhookScope(long? RepositoryId, long? ProjectId);
