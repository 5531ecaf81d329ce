using Greenlight.Core.Secrets;

namespace Greenlight.Engine.Pipeline;

/// <summary>
/// One pipeline run at a time per state directory, across processes (the controller gating releases, a
/// `greenlight pipeline run` beside it): the runs share the app's working tree, and two builds writing the same
/// output at once would break each other. .NET takes an exclusive flock for <see cref="FileShare.None"/>.
/// </summary>
internal static class PipelineLock
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);

    /// <param name="waiting">Called once when another run holds the lock, so the run can say what it waits for.</param>
    public static async Task<IDisposable> AcquireAsync(string stateDirectory, Action waiting, TimeProvider time, CancellationToken ct)
    {
        var told = false;
        IDisposable? held;
        while ((held = TryAcquire(stateDirectory)) is null)
        {
            if (!told)
                waiting();
            told = true;
            await Task.Delay(Retry, time, ct);
        }
        return held;
    }

    /// <summary>The lock, or null when another run holds it. The kernel releases it when its holder's process ends,
    /// however that ends: a run killed mid-way never keeps the next one waiting.</summary>
    public static IDisposable? TryAcquire(string stateDirectory)
    {
        OwnerOnly.CreateDirectory(stateDirectory);
        try
        {
            return OwnerOnly.Open(Path.Combine(stateDirectory, "pipeline.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
