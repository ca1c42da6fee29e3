using GitHost.Core.Failures;
using GitHost.Core.Naming;
using GitHost.Core.RefMatching;

namespace GitHost.Services.BranchModel;

/// <summary>A configuration as a client sent it (<c>PUT .../branchmodel/configuration</c>), before it is checked.</summary>
public sealed record BranchModelInput(BranchModelBranchInput? Development, BranchModelBranchInput? Production, IReadOnlyList<BranchModelTypeInput?>? Types)
{
    public const int MaxPrefixLength = 255;

    /// <summary>The checked document, or a 400 naming the offending field. Types left out keep Bitbucket's defaults.</summary>
    public BranchModelDocument Parse()
    {
        var development = ParseBranch(Development, "development") ?? new BranchModelBranch(null, true);
        var production = ParseBranch(Production, "production");
        var types = BranchModelDocument.Default.Types.ToDictionary(t => t.Id);
        foreach (var type in Types ?? [])
        {
            var id = type?.Id?.Trim().ToUpperInvariant();
            if (id is null || !types.ContainsKey(id))
            {
                throw GitHostException.Invalid($"'{Printable(type?.Id)}' is not a branch type; use BUGFIX, FEATURE, HOTFIX or RELEASE.", "types");
            }

            var enabled = type!.Enabled ?? true;
            var prefix = type.Prefix?.Trim() ?? types[id].Prefix;
            if (enabled && (prefix.Length == 0 || prefix.Length > MaxPrefixLength || !BranchName.IsValid(prefix.TrimEnd('/'))))
            {
                throw GitHostException.Invalid(
                    $"The {id} prefix must be 1 to {MaxPrefixLength} characters that can start a branch name, like '{types[id].Prefix}'.", "types");
            }

            types[id] = new BranchModelType(id, BranchModelDocument.DisplayName(id), enabled, prefix);
        }

        return new BranchModelDocument(development, production, BranchModelDocument.TypeIds.Select(id => types[id]).ToList());
    }

    private static BranchModelBranch? ParseBranch(BranchModelBranchInput? input, string context)
    {
        if (input is null)
        {
            return null;
        }

        if (input.UseDefault == true || string.IsNullOrWhiteSpace(input.RefId))
        {
            return input.UseDefault == false
                ? throw GitHostException.Invalid($"The {context} branch needs a refId when useDefault is false.", context)
                : new BranchModelBranch(null, true);
        }

        var refId = RefIds.Qualify(input.RefId.Trim());
        var shortName = refId.StartsWith(RefIds.HeadsPrefix, StringComparison.Ordinal) ? refId[RefIds.HeadsPrefix.Length..] : null;
        if (shortName is null || refId.Length > 1024 || !BranchName.IsValid(shortName))
        {
            throw GitHostException.Invalid($"'{Printable(input.RefId)}' is not a valid branch for the {context} branch.", context);
        }

        return new BranchModelBranch(refId, false);
    }

    private static string Printable(string? value) => new((value ?? "").Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}

public sealed record BranchModelBranchInput(string? RefId, bool? UseDefault);

public sealed record BranchModelTypeInput(string? Id, string? DisplayName, bool? Enabled, string? Prefix);
