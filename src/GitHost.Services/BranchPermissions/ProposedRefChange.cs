namespace GitHost.Services.BranchPermissions;

/// <summary>
/// A ref move some door wants to make: git's <c>old new ref</c> (all-zero ids for create and delete),
/// whether it is the merge of a pull request (which pull-request-only allows), and the quarantine
/// folders its new objects may still sit in (a push's pre-receive; none for the other doors), where
/// the ancestry check must look too.
/// </summary>
public sealed record ProposedRefChange(string RefName, string OldId, string NewId, bool ViaPullRequest, IReadOnlyList<string> Quarantines)
{
    public bool IsCreate => OldId.All(c => c == '0');

    public bool IsDelete => NewId.All(c => c == '0');

    public bool IsUpdate => !IsCreate && !IsDelete;
}
