using Greenlight.Core.Targets;
using Greenlight.Providers.Tests.Support;

namespace Greenlight.Providers.Tests.Shop;

/// <summary>One shop 1.0 shared by the tests of a class that only read from it or use their own data.</summary>
public sealed class RunningShop : IAsyncLifetime
{
    private readonly RevisionScope scope = new();

    internal RevisionHandle Handle { get; private set; } = null!;

    public async Task InitializeAsync() => Handle = await scope.StartAsync(scope.Shop("1.0"));

    public async Task DisposeAsync() => await scope.DisposeAsync();
}
