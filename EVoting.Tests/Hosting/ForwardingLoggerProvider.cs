using Microsoft.Extensions.Logging;

namespace EVoting.Tests.Hosting;

/// <summary>
/// The AppHost's log, which under Aspire.Hosting.Testing also carries every resource's console output
/// (category <c>EVoting.AppHost.Resources.&lt;resource&gt;</c>), handed to a callback as (source, line).
/// </summary>
internal sealed class ForwardingLoggerProvider(Action<string, string> write) : ILoggerProvider
{
    private const string ResourcePrefix = "EVoting.AppHost.Resources.";

    public ILogger CreateLogger(string categoryName) => new Logger(
        categoryName.StartsWith(ResourcePrefix, StringComparison.Ordinal) ? categoryName[ResourcePrefix.Length..] : "apphost:" + categoryName, write);

    public void Dispose()
    {
    }

    private sealed class Logger(string source, Action<string, string> write) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            // AppHost internals only when they matter; a resource's output always.
            if (source.StartsWith("apphost:", StringComparison.Ordinal) && logLevel < LogLevel.Warning)
                return;
            write(source, formatter(state, exception) + (exception is null ? "" : " " + exception.Message));
        }
    }
}
