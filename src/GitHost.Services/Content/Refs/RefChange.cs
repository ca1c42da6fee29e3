namespace GitHost.Services.Content.Refs;

/// <summary>One ref change of a <c>repo:refs_changed</c> event; <see cref="Type"/> is ADD, UPDATE or DELETE.</summary>
public sealed record RefChange(string RefId, string DisplayId, string RefType, string FromHash, string ToHash, string Type)
{
    /// <summary>The merge of a pull request, which branch permissions' pull-request-only allows.</summary>
    public bool ViaPullRequest { get; init; }

    public static RefChange Add(string refId, RefNamespace space, string toHash) =>
        new(refId, space.ShortName(refId), space.Type, RefUpdater.ZeroId, toHash, "ADD");

    public static RefChange Delete(string refId, RefNamespace space, string fromHash) =>
        new(refId, space.ShortName(refId), space.Type, fromHash, RefUpdater.ZeroId, "DELETE");
}
