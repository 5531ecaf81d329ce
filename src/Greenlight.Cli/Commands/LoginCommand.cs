using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Server.Api;

namespace Greenlight.Cli.Commands;

/// <summary>
/// `greenlight login`: checks a token against a controller (GET /v1/whoami) and stores both as a profile, which later
/// commands use when no local controller applies (see <see cref="ControllerClient.Connect"/>). The token comes from a
/// file or standard input, never an argument: an argument stays in the shell's history and shows in process listings.
/// </summary>
internal static class LoginCommand
{
    public static Command Create()
    {
        var controller = new Option<string>("--controller")
        {
            Description = "The controller's address, e.g. http://127.0.0.1:7400", Required = true,
        };
        var tokenFile = new Option<FileInfo?>("--token-file") { Description = "Read the token from this file (default: standard input)" };
        var command = new Command("login", "Check a token against a controller and store both as a profile (0600, in $XDG_CONFIG_HOME/greenlight/profiles)")
        {
            controller, tokenFile,
        };
        command.SetAction(async (result, ct) =>
        {
            var name = result.GetValue(CommonOptions.Profile) ?? Profiles.Default;
            if (!Profiles.IsValidName(name))
                throw new CliException(ExitCodes.Rejected, $"--profile {name}: a profile name is letters, digits, '.', '_' and '-'");
            var address = Address(result.GetValue(controller)!);
            var token = Token(result.GetValue(tokenFile));
            var who = await ControllerClient.At(address, token).GetAsync<WhoAmI>("v1/whoami", ct);
            Profiles.Save(name, new Profile(address.ToString(), token, who.Name));
            if (result.IsJson())
                CommonOptions.WriteJson(new { profile = name, file = Profiles.PathOf(name), controller = address.ToString(), who.Name, who.Kind, who.TokenId, who.Roles });
            else
                Console.Out.WriteLine($"logged in to {address} as {who.Name} ({(who.Roles.Count == 0 ? "no role yet" : string.Join(", ", who.Roles.Select(r => $"{r.Role} on {r.App}/{r.Environment}")))}); " +
                    $"profile {name} saved in {Profiles.PathOf(name)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Uri Address(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" ? uri
            : throw new CliException(ExitCodes.Rejected, $"--controller {text}: expected the controller's address, such as http://127.0.0.1:7400");

    private static string Token(FileInfo? file)
    {
        if (file is null)
            return SecretInput.Read("the token", "greenlight login --controller <url> < token-file").Trim();
        try
        {
            return File.ReadAllText(file.FullName).Trim() is { Length: > 0 } token ? token
                : throw new CliException(ExitCodes.Rejected, $"--token-file {file.FullName} is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Rejected, $"cannot read --token-file {file.FullName}: {e.Message}");
        }
    }
}
