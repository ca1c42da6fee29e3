namespace GitHost.Core.Failures;

/// <summary>The exception class names Bitbucket Data Center puts in its error envelope.</summary>
public static class BitbucketExceptionNames
{
    public const string Validation = "com.atlassian.bitbucket.validation.ArgumentValidationException";
    public const string Authorisation = "com.atlassian.bitbucket.AuthorisationException";
    public const string IncorrectPassword = "com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException";
    public const string Xsrf = "com.atlassian.bitbucket.XsrfException";
    public const string NoSuchProject = "com.atlassian.bitbucket.project.NoSuchProjectException";
    public const string NoSuchRepository = "com.atlassian.bitbucket.repository.NoSuchRepositoryException";
    public const string NoSuchUser = "com.atlassian.bitbucket.user.NoSuchUserException";
    public const string NoSuchGroup = "com.atlassian.bitbucket.user.NoSuchGroupException";
    public const string NoSuchEntity = "com.atlassian.bitbucket.NoSuchEntityException";
    public const string DuplicateProject = "com.atlassian.bitbucket.project.DuplicateProjectException";
    public const string DuplicateRepository = "com.atlassian.bitbucket.repository.DuplicateRepositoryNameException";
    public const string DuplicateEntity = "com.atlassian.bitbucket.DuplicateEntityException";
    public const string ProjectHasRepositories = "com.atlassian.bitbucket.project.ProjectHasRepositoriesException";
    public const string Conflict = "com.atlassian.bitbucket.ServiceException";
    public const string TooLarge = "com.atlassian.bitbucket.RequestTooLargeException";
    public const string SignInLocked = "com.atlassian.bitbucket.auth.CaptchaRequiredAuthenticationException";
    public const string RateLimited = "com.atlassian.bitbucket.throttle.RateLimitedException";
    public const string Internal = "com.atlassian.bitbucket.ServerException";

    public static string For(FailureKind kind) => kind switch
    {
        FailureKind.Invalid => Validation,
        FailureKind.Unauthenticated => IncorrectPassword,
        FailureKind.Unauthorized or FailureKind.Forbidden => Authorisation,
        FailureKind.NotFound => NoSuchEntity,
        FailureKind.Conflict => Conflict,
        FailureKind.TooLarge => TooLarge,
        _ => Internal,
    };
}
