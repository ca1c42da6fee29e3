namespace GitHost.Core.Failures;

/// <summary>
/// The closed set of ways a request can fail. Each door maps a kind to its own wire form
/// (HTTP status and Bitbucket error envelope for REST, an ERR pkt-line for git).
/// </summary>
public enum FailureKind
{
    Invalid,
    Unauthenticated,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    TooLarge,
}
