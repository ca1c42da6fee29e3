using GitHost.Services.SignIn;
using GitHost.Testing.SignIn;

namespace GitHost.Server.Tests.Auth;

/// <summary>The back-off rules with failures counted in this node's memory.</summary>
public sealed class SignInThrottleBackOffTests() : SignInThrottleBackOffContract(new LocalSignInFailureStore());
