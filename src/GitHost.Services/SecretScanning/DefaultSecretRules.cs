using GitHost.Data.SecretScanning;

namespace GitHost.Services.SecretScanning;

/// <summary>
/// GitHost's default global rules, created once on first start as ordinary global rules (admins see,
/// edit and delete them through <c>/rest/api/1.0/secret-scanning/rules</c>). Each carries literal
/// keywords: a line containing none of them cannot match, so the expression is not run on it. An
/// edited rule loses its keywords (they are looked up by the exact expression) and simply runs on
/// every added line.
/// </summary>
public static class DefaultSecretRules
{
    public static readonly IReadOnlyList<DefaultSecretRule> All =
    [
        new("Private key (PEM or OpenSSH)",
            @"-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----",
            SecretScanningAction.Block, null, ["PRIVATE KEY"]),
        new("AWS access key id",
            @"\b(?<secret>(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b",
            SecretScanningAction.Block, null, ["AKIA", "ASIA", "ABIA", "ACCA"]),
        new("AWS secret access key",
            @"(?i)aws.{0,20}secret.{0,20}[:=]\s*[""']?(?<secret>[A-Za-z0-9/+]{40})\b",
            SecretScanningAction.Block, null, ["aws"]),
        new("GitHub token",
            @"\b(?<secret>(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{82}))\b",
            SecretScanningAction.Block, null, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]),
        new("GitLab personal access token",
            @"\b(?<secret>glpat-[A-Za-z0-9_\-]{20,})",
            SecretScanningAction.Block, null, ["glpat-"]),
        new("Slack token",
            @"\b(?<secret>xox[baprs]-[A-Za-z0-9\-]{10,})",
            SecretScanningAction.Block, null, ["xox"]),
        new("Slack webhook URL",
            @"(?<secret>https://hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+)",
            SecretScanningAction.Block, null, ["hooks.slack.com"]),
        new("Generic secret assignment",
            @"(?i)\b(password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key|client[_\-]?secret)[""']?\s*(:|=|:=|=>)\s*[""'](?<secret>[^""'\s]{12,})[""']",
            SecretScanningAction.Warn, 3.5, ["pass", "pwd", "secret", "token", "key"]),
    ];

    private static readonly Dictionary<string, string[]> KeywordsByPattern =
        All.ToDictionary(r => r.LineRegex, r => r.Keywords, StringComparer.Ordinal);

    /// <summary>The literal keywords of a default rule's expression; null (run always) for any other.</summary>
    public static string[]? KeywordsOf(string? lineRegex) =>
        lineRegex is not null && KeywordsByPattern.TryGetValue(lineRegex, out var keywords) ? keywords : null;
}

/// <summary>One default rule; <see cref="Keywords"/> are matched ignoring case.</summary>
public sealed record DefaultSecretRule(string Name, string LineRegex, SecretScanningAction Action, double? MinEntropy, string[] Keywords);
