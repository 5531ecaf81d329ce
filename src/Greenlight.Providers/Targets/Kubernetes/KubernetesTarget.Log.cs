using Microsoft.Extensions.Logging;

namespace Greenlight.Providers.Targets.Kubernetes;

internal sealed partial class KubernetesTarget
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{App} {Revision}: applied Secret, Deployment and Service {Namespace}/{Name}; waiting for it to be ready")]
    private static partial void LogApplied(ILogger logger, string app, string revision, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not read Deployment {Key} ({Reason}); keeping the last answer")]
    private static partial void LogLookFailed(ILogger logger, string key, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment {Namespace}/{Name} is still terminating after its grace period; Kubernetes finishes deleting it")]
    private static partial void LogStillTerminating(ILogger logger, string @namespace, string name);
}
