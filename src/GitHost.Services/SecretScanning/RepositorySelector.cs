namespace GitHost.Services.SecretScanning;

/// <summary>Bitbucket's <c>RestRepositorySelector</c>: a repository named by project key and slug.</summary>
public sealed record RepositorySelector(string? ProjectKey, string? Slug);
