namespace WavesBench;

/// <summary>Which version answers the next request through each public address.</summary>
internal static class Serving
{
    public static async Task<int> CountAsync(IEnumerable<(string Environment, string Region, string App, string Listen)> addresses, string version, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var serving = 0;
        foreach (var address in addresses)
        {
            using var response = await http.GetAsync($"http://{address.Listen}/", ct);
            if (response.Headers.TryGetValues("X-Service-Version", out var v) && v.Single() == version)
                serving++;
        }
        return serving;
    }
}
