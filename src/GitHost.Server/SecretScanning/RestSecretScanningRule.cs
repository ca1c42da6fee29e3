using GitHost.Data.SecretScanning;
using GitHost.Services.SecretScanning;

namespace GitHost.Server.SecretScanning;

/// <summary>
/// Bitbucket's <c>RestSecretScanningRule</c>, plus GitHost's <c>action</c> (BLOCK or WARN) and
/// <c>minEntropy</c> extensions (Bitbucket's own clients ignore fields they do not know).
/// </summary>
internal sealed record RestSecretScanningRule(long Id, string Name, string? LineRegex, string? PathRegex, RestSecretScanningScope Scope, string Action, double? MinEntropy)
{
    public static RestSecretScanningRule From(SecretScanningRuleEntity rule) => new(
        rule.Id, rule.Name, rule.LineRegex, rule.PathRegex,
        new RestSecretScanningScope(rule.ProjectId ?? rule.RepositoryId, rule.ScopeType.ToString().ToUpperInvariant()),
        SecretRuleInput.ActionName(rule.Action), rule.MinEntropy);
}

/// <summary><c>scope</c>: <c>{type: GLOBAL|PROJECT|REPOSITORY, resourceId}</c> (no resourceId for GLOBAL).</summary>
internal sealed record RestSecretScanningScope(long? ResourceId, string Type);

/// <summary>Bitbucket's <c>RestSecretScanningAllowlistRule</c>.</summary>
internal sealed record RestSecretScanningAllowlistRule(long Id, string Name, string? LineRegex, string? PathRegex)
{
    public static RestSecretScanningAllowlistRule From(SecretScanningRuleEntity rule) => new(rule.Id, rule.Name, rule.LineRegex, rule.PathRegex);
}

/// <summary>Bitbucket's <c>RestSecretScanningRuleSetRequest</c> (and the allowlist twin, which ignores the GitHost fields).</summary>
internal sealed record RestSecretScanningRuleSetRequest(string? Name, string? LineRegex, string? PathRegex, string? Action, double? MinEntropy)
{
    public SecretRuleInput ToInput() => new(Name, LineRegex, PathRegex, Action, MinEntropy);
}

/// <summary>The <c>order</c> of rule and exempt repository lists.</summary>
internal enum SecretScanningOrder
{
    NameAsc,
    NameDesc,
}
