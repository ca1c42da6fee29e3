using System.Security.Cryptography;

namespace GitHost.Services.Repositories;

/// <summary>
/// A repository and its forks share a hierarchy id (pull requests may only cross repositories within
/// one). Bitbucket's are 20 hex characters; a new, unforked repository gets a random one.
/// </summary>
internal static class HierarchyIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
}
