using Greenlight.Core.Manifest;
using Greenlight.Core.Targets;
using Greenlight.Engine.State;

namespace Greenlight.Engine.Secrets;

/// <summary>
/// Gives a revision its secrets as it starts, whatever target runs it: the references of <see cref="RevisionSpec.Secrets"/>
/// are read then (a rotation reaches the next start), put into that process's environment or into its secret files,
/// and recorded by version only. The files go when the revision is stopped, or when its start fails.
/// </summary>
internal sealed class SecretInjectingTarget(IDeploymentTarget inner, SecretResolver resolver, IStateStore store, string stateDirectory) : IDeploymentTarget
{
    public string Name => inner.Name;

    public async Task<RevisionHandle> StartAsync(RevisionSpec spec, Func<RevisionHandle, Task> launched, CancellationToken cancellationToken)
    {
        if (spec.Secrets.Variables.Count == 0)
            return await inner.StartAsync(spec, launched, cancellationToken);
        var secrets = await resolver.ResolveAsync(spec, cancellationToken);
        var files = SecretFiles.DirectoryOf(stateDirectory, spec.App, spec.Version, spec.Instance);
        SecretFiles.Remove(files); // what an earlier start of this version left
        try
        {
            var environment = new Dictionary<string, string>(spec.Environment, StringComparer.Ordinal);
            List<string> written = [];
            foreach (var secret in secrets)
            {
                if (secret.Binding.AsFile)
                    written.Add(SecretFiles.Write(files, secret.Name, secret.Secret.Value));
                environment[secret.Name] = secret.Binding.AsFile ? written[^1] : secret.Secret.Value;
            }
            await store.SaveRevisionSecretsAsync(spec.App, spec.Version, [.. secrets.Select(s => s.Use)], cancellationToken);
            return await inner.StartAsync(spec with { Environment = environment, Secrets = SecretsSpec.None, Files = written }, launched, cancellationToken);
        }
        catch
        {
            SecretFiles.Remove(files);
            throw;
        }
    }

    public bool IsRunning(RevisionHandle handle) => inner.IsRunning(handle);

    public async Task StopAsync(RevisionHandle handle, TimeSpan grace, CancellationToken cancellationToken)
    {
        await inner.StopAsync(handle, grace, cancellationToken);
        SecretFiles.Remove(SecretFiles.DirectoryOf(stateDirectory, handle.App, handle.Version, handle.Instance));
    }
}
