using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Access;
using Greenlight.Server.Api;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>`greenlight tokens …`: API tokens, your own, or as admin anyone's. A value is shown once, when it is created.</summary>
internal static class TokensCommand
{
    public static Command Create()
    {
        var owner = new Option<string?>("--for") { Description = "Whose token (admin only; default: yours), e.g. a service account or a new user" };
        var expires = new Option<string?>("--expires") { Description = "When it expires: 90d (the default), 12h, 30m, or never" };
        var create = new Command("create", "Create a token and print its value, once: it is stored only as a hash") { owner, expires };
        create.SetAction(async (result, ct) =>
        {
            var token = await result.ConnectWholeController().PostAsync<CreatedToken>("v1/tokens",
                new { owner = result.GetValue(owner), expires = result.GetValue(expires) }, ct);
            if (result.IsJson())
                CommonOptions.WriteJson(token);
            else
            {
                Console.Error.WriteLine($"token {token.Id} of {token.Owner}, {(token.ExpiresAt is { } at ? $"expires {Render.Time(at)}" : "never expires")}; " +
                    "shown this once, keep it now (e.g. `greenlight login --token-file <file>`):");
                Console.Out.WriteLine(token.Token);
            }
            return ExitCodes.Ok;
        });

        var whose = new Option<string?>("--owner") { Description = "Whose tokens (admin only; * for everyone's; default: yours)" };
        var list = new Command("list", "Tokens with their id, owner, creation, expiry, last use and revocation: never a value") { whose };
        list.SetAction(async (result, ct) =>
        {
            var query = result.GetValue(whose) is { } o ? $"?owner={Uri.EscapeDataString(o)}" : "";
            var tokens = await result.ConnectWholeController().GetAsync<List<ApiToken>>($"v1/tokens{query}", ct);
            if (result.IsJson())
            {
                CommonOptions.WriteJson(tokens);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("id", "owner", "created", "expires", "last used", "revoked");
            foreach (var t in tokens)
                table.AddRow(t.Id, Render.Esc(t.Owner), Render.Time(t.CreatedAt), t.ExpiresAt is null ? "never" : Render.Time(t.ExpiresAt), Render.Time(t.LastUsedAt), Render.Time(t.RevokedAt));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });

        var id = new Argument<string>("id") { Description = "The token's id (tok_…), as `tokens list` shows it" };
        var revoke = new Command("revoke", "Revoke a token: the very next call with it is refused") { id };
        revoke.SetAction(async (result, ct) =>
        {
            var token = await result.ConnectWholeController().DeleteAsync<ApiToken>($"v1/tokens/{Uri.EscapeDataString(result.GetValue(id)!)}", ct);
            return UsersCommand.Done(result, token, $"token {token.Id} of {token.Owner} revoked");
        });

        return new Command("tokens", "API tokens: create (shown once), list (never a value), revoke") { create, list, revoke };
    }
}
