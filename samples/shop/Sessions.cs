using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Shop;

internal sealed record Session(string Token, string User);

/// <summary>In-memory bearer tokens: enough for a synthetic check to log in and reuse the token.</summary>
internal sealed class Sessions
{
    private readonly ConcurrentDictionary<string, Session> byToken = new(StringComparer.Ordinal);

    public static bool IsValidLogin(string? user, string? password) => user == "demo" && password == "demo";

    public Session Open(string user)
    {
        var session = new Session(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), user);
        byToken[session.Token] = session;
        return session;
    }

    public Session? Find(HttpRequest request)
    {
        const string scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? byToken.GetValueOrDefault(header[scheme.Length..].Trim())
            : null;
    }
}
