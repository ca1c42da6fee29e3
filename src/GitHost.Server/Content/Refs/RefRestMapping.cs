using GitHost.Services.Content.Refs;

namespace GitHost.Server.Content.Refs;

internal static class RefRestMapping
{
    public static RestBranch ToRest(this BranchView branch, bool details = false) => new(
        branch.Id, branch.DisplayId, "BRANCH", branch.LatestCommit, branch.LatestCommit, branch.IsDefault,
        details ? new Dictionary<string, object>() : null);

    public static RestTag ToRest(this TagView tag) =>
        new(tag.Id, tag.DisplayId, "TAG", tag.LatestCommit, tag.LatestCommit, tag.Hash);
}
