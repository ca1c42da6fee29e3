namespace GitHost.Server.SshKeys;

/// <summary>
/// Bitbucket's <c>RestSshKey</c>. <c>fingerprint</c> is the unpadded base64 SHA-256 without the
/// <c>SHA256:</c> prefix, as in Atlassian's examples; <c>lastAuthenticated</c> is epoch ms as a
/// string, as the OpenAPI types it.
/// </summary>
public sealed record RestSshKey(
    long Id,
    string Text,
    string Label,
    string AlgorithmType,
    int BitLength,
    long CreatedDate,
    int? ExpiryDays,
    string Fingerprint,
    string? LastAuthenticated);
