namespace Greenlight.Providers.Tests.Support;

internal static class TestHttp
{
    // No proxy: loopback revisions only.
    public static HttpClient Client { get; } = new(new SocketsHttpHandler { UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
