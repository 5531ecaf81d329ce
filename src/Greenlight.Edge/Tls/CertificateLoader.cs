using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Tls;

/// <summary>What every <see cref="CertificateFile"/> of an edge shares: its clock and its log.</summary>
internal sealed partial class CertificateLoader(TimeProvider time, ILogger<CertificateLoader> logger)
{
    public TimeProvider Time { get; } = time;

    [LoggerMessage(1, LogLevel.Information, "Reloaded {Field} certificate from {Certificate}")]
    public partial void Reloaded(string field, string certificate);

    [LoggerMessage(2, LogLevel.Warning, "Cannot reload {Field} from {Certificate} and {Key}: {Reason}; the previous certificate keeps serving")]
    public partial void ReloadFailed(string field, string certificate, string key, string reason);
}
