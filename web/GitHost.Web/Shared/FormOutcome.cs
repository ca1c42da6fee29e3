using GitHost.Core.Failures;

namespace GitHost.Web.Shared;

/// <summary>
/// What the last post of a page's forms came to: the sentence telling what it did, or why it was refused
/// when that is something the user can correct or should be told in place (invalid input, a conflict, a
/// name that does not exist, a grant above their own level). The page's own refusals (the subject not
/// found, no access) happen while it loads, before any action, and go on to the error page.
/// </summary>
public sealed class FormOutcome
{
    /// <summary>Why the last post was refused, shown at the top of the page and next to its fields.</summary>
    public GitHostException? Failure { get; private set; }

    /// <summary>What the last post did.</summary>
    public string? Done { get; private set; }

    /// <summary>Runs <paramref name="action"/>, which returns what it did, then <paramref name="reload"/>s the page as it now is.</summary>
    public async Task PostAsync(Func<Task<string>> action, Func<Task> reload)
    {
        try
        {
            Done = await action();
            Failure = null;
        }
        catch (GitHostException failure) when (failure.Kind is FailureKind.Invalid or FailureKind.Conflict or FailureKind.NotFound or FailureKind.Forbidden or FailureKind.Unauthorized)
        {
            Failure = failure;
            Done = null;
        }

        await reload();
    }

    /// <summary>The refusal of a post whose action the page does not know (a hand-made form).</summary>
    public static GitHostException Unknown(string? action) => GitHostException.Invalid($"'{action}' is not something this page can do.");
}
