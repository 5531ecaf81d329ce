using System.Security.Cryptography;
using Greenlight.Core.Secrets;

namespace Greenlight.Edge.Persistence;

/// <summary>The admin bearer token: kept across restarts so an adopting controller's copy stays valid.</summary>
internal static class AdminToken
{
    public static string LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            // Tighten a token file someone copied in with looser permissions.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, OwnerOnly.FilePermissions);
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 32) return existing;
            throw new InvalidDataException($"{path} holds no usable token (too short); delete it to have a new one generated.");
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        using (var stream = new FileStream(path, AtomicFile.Create()))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(token);
        }

        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, OwnerOnly.FilePermissions);
        return token;
    }
}
