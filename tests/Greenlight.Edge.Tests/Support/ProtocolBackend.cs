using System.Net;
using System.Net.WebSockets;
using System.Text;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Edge.Tests.Support;

/// <summary>
/// A throwaway revision on 127.0.0.1:0 speaking <paramref name="protocols"/> in clear text: <c>/ws</c> accepts a WebSocket
/// that answers every message with "name:message", <c>/proto</c> answers "name HTTP/x", <c>/silent</c> never answers, the
/// gRPC method <see cref="Stream"/> sends the revision's name, then waits for <see cref="Release"/> and sends it twice more,
/// and <see cref="Fail"/> ends with the status its request names.
/// </summary>
internal sealed class ProtocolBackend : IAsyncDisposable
{
    private static readonly Marshaller<string> Text = Marshallers.Create(Encoding.UTF8.GetBytes, Encoding.UTF8.GetString);

    /// <summary>Defined with Grpc.Core.Api alone: no .proto file or code generation.</summary>
    public static readonly Method<string, string> Stream = new(MethodType.ServerStreaming, "greenlight.test.Revisions", "Stream", Text, Text);

    /// <summary>"14" fails with status 14 at once (a trailers-only answer); "13 late" sends one message first, so the status
    /// travels in real trailers.</summary>
    public static readonly Method<string, string> Fail = new(MethodType.ServerStreaming, "greenlight.test.Revisions", "Fail", Text, Text);

    private readonly WebApplication _web;
    private readonly TaskCompletionSource _release;

    private ProtocolBackend(string name, WebApplication web, TaskCompletionSource release)
    {
        Name = name;
        _web = web;
        _release = release;
        Address = new Uri(web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
    }

    public string Name { get; }

    public Uri Address { get; }

    public void Release() => _release.TrySetResult();

    public static async Task<ProtocolBackend> StartAsync(string name, HttpProtocols protocols)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = protocols));
        builder.Services.AddGrpc();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Services.AddSingleton<IServiceMethodProvider<Revisions>>(new RevisionMethods(name, release.Task));
        var web = builder.Build();
        web.UseWebSockets();
        web.MapGrpcService<Revisions>();
        web.Map("/proto", (HttpContext context) => $"{name} {context.Request.Protocol}");
        web.Map("/silent", (HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted));
        web.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close) break;
                var answer = Encoding.UTF8.GetBytes($"{name}:{Encoding.UTF8.GetString(buffer, 0, received.Count)}");
                await socket.SendAsync(answer, WebSocketMessageType.Text, true, CancellationToken.None);
            }
        });
        await web.StartAsync();
        return new ProtocolBackend(name, web, release);
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _web.StopAsync();
        await _web.DisposeAsync();
    }

    /// <summary>The gRPC service type; its one method is bound by <see cref="RevisionMethods"/>.</summary>
    private sealed class Revisions;

    private sealed class RevisionMethods(string name, Task release) : IServiceMethodProvider<Revisions>
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<Revisions> context)
        {
            context.AddServerStreamingMethod(Stream, [], async (_, _, responses, call) =>
            {
                await responses.WriteAsync(name);
                await release.WaitAsync(call.CancellationToken);
                await responses.WriteAsync(name);
                await responses.WriteAsync(name);
            });
            context.AddServerStreamingMethod(Fail, [], async (_, request, responses, _) =>
            {
                var code = request.Split(' ');
                if (code is [_, "late"]) await responses.WriteAsync(name);
                throw new RpcException(new Status((StatusCode)int.Parse(code[0]), $"{name} fails as asked"));
            });
        }
    }
}
