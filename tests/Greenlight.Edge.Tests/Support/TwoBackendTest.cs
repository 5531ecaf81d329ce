using Greenlight.Testing;

namespace Greenlight.Edge.Tests.Support;

/// <summary>A test class with an edge and two backends ("blue", "green") of its own, started and stopped around each test.</summary>
public abstract class TwoBackendTest : IAsyncLifetime
{
    private readonly TempDirectory _state = new();

    private protected string Listen { get; } = Ports.FreeListen();
    private protected EdgeHarness Edge { get; private set; } = null!;
    private protected TestBackend Blue { get; private set; } = null!;
    private protected TestBackend Green { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Edge = await EdgeHarness.StartAsync(_state.Path);
        Blue = await TestBackend.StartAsync("blue");
        Green = await TestBackend.StartAsync("green");
    }

    public async Task DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Blue.DisposeAsync();
        await Green.DisposeAsync();
        _state.Dispose();
    }
}
