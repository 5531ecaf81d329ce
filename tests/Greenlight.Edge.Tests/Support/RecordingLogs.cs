using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Tests.Support;

/// <summary>Keeps every log entry, to check what the edge logs (and what it must not).</summary>
internal sealed class RecordingLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILoggerFactory CreateFactory(LogLevel minimum) =>
        LoggerFactory.Create(logging => logging.SetMinimumLevel(minimum).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
