using Greenlight.Core.Manifest;
using Greenlight.Core.Secrets;

namespace Greenlight.Providers.Secrets.Env;

/// <summary><c>env:&lt;NAME&gt;</c>: a variable of the controller's own environment, which revisions do not inherit.
/// Unversioned: the controller's environment does not change while it runs.</summary>
internal sealed class EnvSecretProvider(Func<string, string?> environment) : ISecretProvider
{
    public string Name => SecretReference.Env;

    public Task<SecretValue> GetAsync(SecretReference reference, CancellationToken cancellationToken) =>
        environment(reference.Path) is { } value
            ? Task.FromResult(new SecretValue(value, null))
            : throw new SecretUnavailableException($"{reference}: the controller's environment has no variable {reference.Path}");
}
