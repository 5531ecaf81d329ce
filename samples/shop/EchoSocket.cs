using System.Net.WebSockets;
using System.Text;

namespace Shop;

/// <summary><c>/ws</c>: a WebSocket answering every text message with "version:message", to show long-lived
/// connections through the edge (they stay on the revision they opened on).</summary>
internal static class EchoSocket
{
    public static async Task HandleAsync(HttpContext context, ShopSettings shop)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close) break;
                var answer = Encoding.UTF8.GetBytes($"{shop.Version}:{Encoding.UTF8.GetString(buffer, 0, received.Count)}");
                await socket.SendAsync(answer, WebSocketMessageType.Text, true, context.RequestAborted);
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client or the edge ended the connection.
        }
    }
}
