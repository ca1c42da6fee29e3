namespace GitHost.Services.Content.Files;

/// <summary>Bitbucket's <c>type</c> of a tree entry: FILE, DIRECTORY or SUBMODULE.</summary>
public enum NodeType
{
    File,
    Directory,
    Submodule,
}
