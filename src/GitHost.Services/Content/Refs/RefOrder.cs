namespace GitHost.Services.Content.Refs;

/// <summary>Bitbucket's <c>orderBy</c> for refs: by name, or most recently committed first.</summary>
public enum RefOrder
{
    Alphabetical,
    Modification,
}
