using System.Text.Json;
using Greenlight.Core.Secrets;

namespace Greenlight.Cli.Client;

/// <summary>
/// What `greenlight login` stores: a controller's address and a token, one owner-only (0600) file per profile in
/// <c>$XDG_CONFIG_HOME/greenlight/profiles/</c> (<c>~/.config/greenlight/profiles/</c> when XDG_CONFIG_HOME is not set).
/// </summary>
internal static class Profiles
{
    public const string Default = "default";

    /// <summary>Chooses the profile when <c>--profile</c> is not given.</summary>
    public const string Variable = "GREENLIGHT_PROFILE";

    public static string Directory
    {
        get
        {
            var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg) ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(config, "greenlight", "profiles");
        }
    }

    public static string PathOf(string name) => Path.Combine(Directory, name + ".json");

    /// <summary>Letters, digits, '.', '_' and '-': a profile name is a file name.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    public static void Save(string name, Profile profile)
    {
        OwnerOnly.CreateDirectory(Directory);
        OwnerOnly.WriteAllText(PathOf(name), JsonSerializer.Serialize(profile, ControllerClient.Json));
    }

    /// <summary>The profile, or null when there is no such file.</summary>
    /// <exception cref="CliException">The file is there but unreadable or malformed.</exception>
    public static Profile? TryLoad(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
            return null;
        try
        {
            var profile = JsonSerializer.Deserialize<Profile>(File.ReadAllText(path), ControllerClient.Json);
            if (profile is { Controller: { } controller, Token.Length: > 0 } && Uri.TryCreate(controller, UriKind.Absolute, out _))
                return profile;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(Output.ExitCodes.Error, $"cannot read profile {name} ({path}): {e.Message}; run `greenlight login --profile {name}` again");
        }
        throw new CliException(Output.ExitCodes.Error, $"profile {name} ({path}) needs controller (an http:// address) and token; run `greenlight login --profile {name}` again");
    }
}

/// <param name="User">Who the token was when it was stored, for messages only.</param>
internal sealed record Profile(string Controller, string Token, string? User);
