namespace Greenlight.Edge.Tests.Support;

/// <summary>
/// One user of an app behind the edge, keeping cookies as a browser would. Its own client has no cookie
/// jar: a shared jar would leak one test's cookies into another's, all being on 127.0.0.1.
/// </summary>
internal sealed class Visitor(string listen)
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The Cookie header sent with every request (null: none); an answer's Set-Cookie replaces it, as the test backends set no cookies of their own.</summary>
    public string? Cookie { get; set; }

    /// <summary>The Set-Cookie of the last answer, or null when it set none.</summary>
    public string? LastSetCookie { get; private set; }

    /// <summary>Sends a GET with the visitor's cookies and <paramref name="headers"/>; keeps what it sets; returns the body.</summary>
    public async Task<string> GetAsync(params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{listen}/");
        if (Cookie is not null) request.Headers.Add("Cookie", Cookie);
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");

        LastSetCookie = response.Headers.TryGetValues("Set-Cookie", out var set) ? Assert.Single(set) : null;
        if (LastSetCookie is not null) Cookie = LastSetCookie.Split(';')[0];
        return body;
    }
}
