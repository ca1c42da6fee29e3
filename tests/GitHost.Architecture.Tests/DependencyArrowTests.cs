using System.Reflection;
using Xunit;

namespace GitHost.Architecture.Tests;

/// <summary>
/// The arrows of docs/architecture.md, checked from each assembly's references: an assembly may
/// reference only the GitHost assemblies its arrows allow. The compiler drops references nothing
/// uses, so this catches real dependencies, not stray project references.
/// </summary>
public sealed class DependencyArrowTests
{
    /// <summary>Assembly → the GitHost assemblies it may reference. Add a row when a project is added.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["GitHost.Core"] = [],
        ["GitHost.Data"] = ["GitHost.Core"],
        ["GitHost.Git"] = ["GitHost.Core"],
        ["GitHost.Ssh"] = ["GitHost.Core"],
        ["GitHost.Pipelines"] = ["GitHost.Core"],
        ["GitHost.Services"] = ["GitHost.Core", "GitHost.Data", "GitHost.Git", "GitHost.Pipelines"],
        ["GitHost.Db.Sqlite"] = ["GitHost.Data", "GitHost.Core"],
        ["GitHost.Db.Postgres"] = ["GitHost.Data", "GitHost.Core"],
        ["GitHost.Db.SqlServer"] = ["GitHost.Data", "GitHost.Core"],
        // architecture.md draws Web → {Services, Core}; Services hand out Data entities and the pipeline model, so Web may name them too.
        ["GitHost.Web"] = ["GitHost.Services", "GitHost.Core", "GitHost.Data", "GitHost.Pipelines"],
        // The runner's assembly is named after its binary.
        ["githost-runner"] = ["GitHost.Pipelines", "GitHost.Core"],
        ["GitHost.Server"] = ["*"],
    };

    public static TheoryData<string> ProductAssemblies()
    {
        var data = new TheoryData<string>();
        foreach (var name in ProductAssemblyNames())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void Assembly_references_only_what_its_arrows_allow(string assemblyName)
    {
        Assert.True(Allowed.TryGetValue(assemblyName, out var allowed), $"{assemblyName} has no row in the arrow table; add its arrows from architecture.md.");
        if (allowed.Contains("*"))
        {
            return;
        }

        var references = GitHostReferencesOf(assemblyName);
        var forbidden = references.Except(allowed).ToList();

        Assert.True(forbidden.Count == 0, $"{assemblyName} references {string.Join(", ", forbidden)}, which architecture.md does not allow.");
    }

    [Fact]
    public void Core_references_no_other_GitHost_assembly() =>
        Assert.Empty(GitHostReferencesOf("GitHost.Core"));

    [Fact]
    public void Every_layer_is_present_so_the_table_is_not_checking_nothing()
    {
        var present = ProductAssemblyNames();

        Assert.Contains("GitHost.Core", present);
        Assert.Contains("GitHost.Data", present);
        Assert.Contains("GitHost.Git", present);
        Assert.Contains("GitHost.Services", present);
        Assert.Contains("GitHost.Db.Sqlite", present);
        Assert.Contains("GitHost.Db.Postgres", present);
        Assert.Contains("GitHost.Db.SqlServer", present);
        Assert.Contains("GitHost.Server", present);
        Assert.Contains("GitHost.Ssh", present);
        Assert.Contains("GitHost.Pipelines", present);
        Assert.Contains("githost-runner", present);
    }

    [Fact]
    public void Services_really_depend_on_data_so_the_check_sees_references()
    {
        Assert.Contains("GitHost.Data", GitHostReferencesOf("GitHost.Services"));
        Assert.Contains("GitHost.Core", GitHostReferencesOf("GitHost.Data"));
    }

    private static List<string> GitHostReferencesOf(string assemblyName) =>
        Assembly.Load(assemblyName).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(IsGitHost)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The GitHost product assemblies next to this test (test assemblies and fixtures excluded).</summary>
    private static List<string> ProductAssemblyNames() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "GitHost.*.dll").Append(Path.Combine(AppContext.BaseDirectory, "githost-runner.dll"))
            .Where(File.Exists)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(name => !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "GitHost.Testing")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool IsGitHost(string name) => name == "GitHost" || name.StartsWith("GitHost.", StringComparison.Ordinal);
}
