using System.Globalization;
using GitHost.Core.Permissions;
using GitHost.Core.Security;
using GitHost.Core.Ssh;
using GitHost.Data.SshKeys;
using GitHost.Server.Rest;
using GitHost.Services.Ssh;

namespace GitHost.Server.SshKeys;

/// <summary>Maps keys to the wire.</summary>
internal static class SshKeyJson
{
    private const long DayMs = 86_400_000;

    public static RestSshKey Key(SshKeyEntity key) => new(
        key.Id,
        SshKeyRegistry.Text(key),
        key.Label,
        SshKeyAlgorithms.TypeName(key.Algorithm),
        key.BitLength,
        key.CreatedDate,
        key.ExpiryDate is { } expiry ? (int)((expiry - key.CreatedDate) / DayMs) : null,
        key.FingerprintSha256.StartsWith(SshFingerprint.Prefix, StringComparison.Ordinal)
            ? key.FingerprintSha256[SshFingerprint.Prefix.Length..]
            : key.FingerprintSha256,
        key.LastAuthenticated?.ToString(CultureInfo.InvariantCulture));

    public static RestSshAccessKey AccessKey(AccessKeyView view, AccessKeyTarget target, RestMapper mapper, Principal viewer)
    {
        var project = mapper.Project(target.Project);
        return target.Repository is { } repository
            ? new RestSshAccessKey(Key(view.Key), view.Grant.Permission.ToWireName(), Repository: mapper.Repository(repository, project, viewer))
            : new RestSshAccessKey(Key(view.Key), view.Grant.Permission.ToWireName(), Project: project);
    }
}
