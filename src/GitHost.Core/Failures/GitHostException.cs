namespace GitHost.Core.Failures;

/// <summary>
/// A failure the caller can act on. <see cref="ExceptionName"/> is the Bitbucket Data Center
/// exception class name that clients match on; <see cref="Context"/> names the offending field.
/// </summary>
public sealed class GitHostException : Exception
{
    public GitHostException(FailureKind kind, string message, string? context = null, string? exceptionName = null)
        : base(message)
    {
        Kind = kind;
        Context = context;
        ExceptionName = exceptionName ?? BitbucketExceptionNames.For(kind);
    }

    public FailureKind Kind { get; }

    public string? Context { get; }

    public string ExceptionName { get; }

    /// <summary>Extra properties some Bitbucket errors carry next to the message.</summary>
    public IReadOnlyDictionary<string, object?>? Extra { get; init; }

    public static GitHostException Invalid(string message, string? context = null) =>
        new(FailureKind.Invalid, message, context);

    public static GitHostException NotPermitted() =>
        new(FailureKind.Unauthorized, "You are not permitted to access this resource");

    /// <summary>
    /// What an anonymous caller gets for anything not public, existing or not: Bitbucket's 401
    /// AuthorisationException, so credentials are asked for and nothing is revealed.
    /// </summary>
    public static GitHostException HiddenFromAnonymous() =>
        new(FailureKind.Unauthenticated, "You are not permitted to access this resource", exceptionName: BitbucketExceptionNames.Authorisation);

    /// <summary>No credentials were sent where they are needed: Bitbucket's 401 AuthorisationException.</summary>
    public static GitHostException AuthenticationRequired() =>
        new(FailureKind.Unauthenticated, "You are not permitted to access this resource: sign in, or send a user name and password or an access token.",
            exceptionName: BitbucketExceptionNames.Authorisation);

    /// <summary>Credentials were sent and did not verify: Bitbucket's IncorrectPasswordAuthenticationException.</summary>
    public static GitHostException BadCredentials() =>
        new(FailureKind.Unauthenticated, "Authentication failed. Please check your credentials and try again.",
            exceptionName: BitbucketExceptionNames.IncorrectPassword);
}
