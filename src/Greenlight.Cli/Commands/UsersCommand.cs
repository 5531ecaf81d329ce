using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Server.Api;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>`greenlight users …`: people and service accounts and their roles (admin only).</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The user or service account" };
        var service = new Option<bool>("--service") { Description = "A service account (a machine, such as CI) rather than a person" };
        var create = new Command("create", "Create a user (or with --service a service account); give it a role with `users grant` and a token with `tokens create --for`")
        {
            name, service,
        };
        create.SetAction(async (result, ct) =>
        {
            var user = await result.ConnectWholeController().PostAsync<UserView>("v1/users",
                new { name = result.GetValue(name), kind = result.GetValue(service) ? "service" : "user" }, ct);
            return Done(result, user, $"{user.Kind} {user.Name} created; it has no role yet");
        });

        var list = new Command("list", "Every user and service account with its roles");
        list.SetAction(async (result, ct) =>
        {
            var users = await result.ConnectWholeController().GetAsync<List<UserView>>("v1/users", ct);
            if (result.IsJson())
            {
                CommonOptions.WriteJson(users);
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("name", "kind", "roles", "created", "disabled");
            foreach (var u in users)
                table.AddRow(Render.Esc(u.Name), u.Kind, Render.Esc(Roles(u.Roles)), Render.Time(u.CreatedAt), Render.Time(u.DisabledAt));
            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });

        var revokeName = new Argument<string>("name") { Description = "The user or service account" };
        var revoke = new Command("revoke", "Disable a user or service account and revoke every token of it, at once") { revokeName };
        revoke.SetAction(async (result, ct) =>
        {
            var who = result.GetValue(revokeName)!;
            var user = await result.ConnectWholeController().PostAsync<UserView>($"v1/users/{Uri.EscapeDataString(who)}/disable", null, ct);
            return Done(result, user, $"{user.Name} disabled; its tokens no longer authenticate");
        });

        return new Command("users", "Users and service accounts, and the roles they hold per app and environment (admin only)")
        {
            create, list, revoke, Grant(ungrant: false), Grant(ungrant: true),
        };
    }

    /// <summary>`users grant` and `users ungrant`: a role on <c>--app</c> and <c>--env</c>, each every one (<c>*</c>) when not given.</summary>
    private static Command Grant(bool ungrant)
    {
        var name = new Argument<string>("name") { Description = "The user or service account" };
        var role = new Argument<string>("role") { Description = "viewer, deployer, approver or admin (admin is always granted on every app and environment)" };
        var env = new Option<string?>("--env") { Description = "The environment (default: * for every one)" };
        var command = new Command(ungrant ? "ungrant" : "grant", ungrant
            ? "Take back a role given with `users grant` (the same --app and --env); effective on the next call"
            : "Give a role on an app (--app, default *) and environment (--env, default *); effective on the next call")
        {
            name, role, env,
        };
        command.SetAction(async (result, ct) =>
        {
            var (who, what) = (result.GetValue(name)!, result.GetValue(role)!);
            var (app, environment) = (result.GetValue(CommonOptions.App) ?? "*", result.GetValue(env) ?? "*");
            var path = $"v1/users/{Uri.EscapeDataString(who)}/grants";
            var client = result.ConnectWholeController();
            var roles = ungrant
                ? await client.DeleteAsync<List<GrantView>>($"{path}?role={Uri.EscapeDataString(what)}&app={Uri.EscapeDataString(app)}&environment={Uri.EscapeDataString(environment)}", ct)
                : await client.PostAsync<List<GrantView>>(path, new { role = what, app, environment }, ct);
            return Done(result, roles, $"{who} {(ungrant ? "no longer holds" : "holds")} {what} on {app}/{environment}; roles now: {Roles(roles)}");
        });
        return command;
    }

    private static string Roles(IReadOnlyList<GrantView> roles) =>
        roles.Count == 0 ? "none" : string.Join(", ", roles.Select(r => $"{r.Role} on {r.App}/{r.Environment}"));

    internal static int Done(ParseResult result, object json, string human)
    {
        if (result.IsJson())
            CommonOptions.WriteJson(json);
        else
            Console.Out.WriteLine(human);
        return ExitCodes.Ok;
    }
}
