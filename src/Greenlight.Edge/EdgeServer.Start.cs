using Greenlight.Edge.Admin;
using Greenlight.Edge.Forwarding;
using Greenlight.Edge.Metrics;
using Greenlight.Edge.Persistence;
using Greenlight.Edge.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Edge;

public sealed partial class EdgeServer
{
    private async Task StartCoreAsync(EdgeOptions options, ListenAddress adminListen, IReadOnlyList<string> inheritedAdmin, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        _options = options;
        var metrics = new EdgeMetrics(options.TimeProvider, loggerFactory.CreateLogger<Draining.RevisionDrain>());
        var handler = new ProxyRequestHandler(
            _services.GetRequiredService<IHttpForwarder>(), _client, options.TimeProvider, loggerFactory.CreateLogger<ProxyRequestHandler>());
        var settings = new ListenerSettings(handler, loggerFactory, options.DrainTimeout, options.InlineScheduling, _sockets);
        _routes = new RouteRegistry(
            new RouteStore(_state.Routes),
            metrics,
            new Tls.CertificateLoader(options.TimeProvider, loggerFactory.CreateLogger<Tls.CertificateLoader>()),
            (listen, app, ct) => PublicListener.StartAsync(listen, app, settings, ct),
            loggerFactory.CreateLogger<RouteRegistry>());
        await _routes.RestoreAsync(cancellationToken);

        _admin = await AdminHost.StartAsync(_sockets.TakeAdmin(adminListen, inheritedAdmin), new BearerToken(Token), _routes, metrics, loggerFactory, cancellationToken);
        // Last: a controller that finds admin.json may rely on the edge being fully up.
        await AdminInfoFile.WriteAsync(_state.AdminInfo, _admin.Address, Environment.ProcessId, Build, cancellationToken);
        LogStarted(_admin.Address, _state.Path);
    }

    private static ListenAddress ParseAdminListen(string value)
    {
        if (!ListenAddress.TryParse(value, allowAnyPort: true, out var address, out var reason))
            throw new ArgumentException($"AdminListen {reason}", nameof(value));
        if (!address.IsLoopback || (address.Host == "localhost" && address.Port == 0))
            throw new ArgumentException($"AdminListen '{value}' must be a loopback IP address such as 127.0.0.1:0", nameof(value));
        return address;
    }
}
