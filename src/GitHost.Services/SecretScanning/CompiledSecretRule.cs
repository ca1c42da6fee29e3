using System.Text.RegularExpressions;
using GitHost.Data.SecretScanning;

namespace GitHost.Services.SecretScanning;

/// <summary>A rule ready to run: expressions compiled (shared across pushes), keywords for the prefilter.</summary>
internal sealed record CompiledSecretRule(long Id, string Name, SecretScanningAction Action, Regex? Line, Regex? Path, double? MinEntropy, string[]? Keywords);

/// <summary>An allowlist rule ready to run.</summary>
internal sealed record CompiledAllowRule(Regex? Line, Regex? Path);
