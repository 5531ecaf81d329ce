using System.CommandLine;
using Greenlight.Cli.Client;
using Greenlight.Cli.Output;
using Greenlight.Core.Audit;
using Greenlight.Engine.State;
using Greenlight.Providers.Secrets.Store;
using Greenlight.Server.Hosting;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

/// <summary>
/// `greenlight secrets …`: the local store in the manifest's state directory, with or without a running controller
/// (which reads it whenever a revision starts). Values come from standard input only: an argument would stay in the
/// shell's history and show in every process listing.
/// </summary>
internal static class SecretsCommand
{
    public static Command Create()
    {
        var set = Sub("set", "Store a value read from standard input (a terminal prompts without echo); a new value is a new version", (r, store, path) =>
            Stored(r, Audited(r, store.Set(path, SecretInput.Read(path)), "secret.set"), rotated: false));
        var rotate = Sub("rotate", "Store a new version of a secret that is set, from standard input; revisions get it when they next start", (r, store, path) =>
            Stored(r, Audited(r, store.Set(path, SecretInput.Read(path), rotate: true), "secret.rotate"), rotated: true));
        var remove = Sub("rm", "Remove a secret; revisions that reference it cannot start until it is set again", (r, store, path) =>
        {
            var removed = store.Remove(path) ?? throw new CliException(ExitCodes.Rejected, $"{path} is not in the secret store {store.FilePath}");
            Audit(r, new AuditRecord(Environment.UserName, "secret.remove", $"secret {removed.Path}", "ok") { Before = $"version {removed.Version}" });
            return Done(r, new { removed.Path, removed.Version, removed = true }, $"{path} removed (it was version {removed.Version})");
        });
        var list = new Command("list", "Every secret's path, version and when it was set: never a value");
        list.SetAction(result => Run(() =>
        {
            var secrets = Open(result).List();
            if (result.IsJson())
                CommonOptions.WriteJson(secrets);
            else if (secrets.Count == 0)
                AnsiConsole.MarkupLine("no secrets: store one with `greenlight secrets set <path>`");
            else
                AnsiConsole.Write(Table(secrets));
            return ExitCodes.Ok;
        }));
        return new Command("secrets", "Greenlight's local secret store (.greenlight/secrets.json, AES-256-GCM), read by store: references")
        {
            set, rotate, remove, list,
        };
    }

    private static Command Sub(string name, string description, Func<ParseResult, SecretStore, string, int> run)
    {
        var path = new Argument<string>("path") { Description = "Where the secret is kept, such as shop/db-password (the manifest says store:shop/db-password)" };
        var command = new Command(name, description) { path };
        command.SetAction(result => Run(() => run(result, Open(result), result.GetValue(path)!)));
        return command;
    }

    private static int Stored(ParseResult result, StoreChange change, bool rotated)
    {
        var (path, version) = (change.Secret.Path, change.Secret.Version);
        var human = !change.Changed ? $"{path} unchanged: version {version} already holds this value"
            : change.Previous is not { } previous ? $"{path} stored as version {version}"
            : $"{path} {(rotated ? "rotated to" : "stored as")} version {version} (was {previous}); running revisions keep version {previous} until they start again";
        return Done(result, new { path, version, previous = change.Previous, changed = change.Changed }, human);
    }

    /// <summary>The store is written here, not through the controller: this command audits it, naming the OS user.
    /// Names and versions only, never a value.</summary>
    private static StoreChange Audited(ParseResult result, StoreChange change, string action)
    {
        if (change.Changed)
            Audit(result, new AuditRecord(Environment.UserName, action, $"secret {change.Secret.Path}", "ok")
            {
                Before = change.Previous is { } previous ? $"version {previous}" : null, After = $"version {change.Secret.Version}",
            });
        return change;
    }

    private static void Audit(ParseResult result, AuditRecord record) =>
        StateOption.Guard(() => StateStores.OpenOrCreateConfigured(StateDirectory(result), TimeProvider.System)).AppendAsync(record, CancellationToken.None).GetAwaiter().GetResult();

    private static string StateDirectory(ParseResult result) => ControllerFiles.ForManifest(result.GetValue(CommonOptions.File)!.FullName).StateDirectory;

    private static int Done(ParseResult result, object value, string human)
    {
        if (result.IsJson())
            CommonOptions.WriteJson(value);
        else
            AnsiConsole.MarkupLine($"[green]✔[/] {Render.Esc(human)}");
        return ExitCodes.Ok;
    }

    private static Table Table(IReadOnlyList<StoredSecret> secrets)
    {
        var table = new Table().AddColumns("path", "version", "set at");
        foreach (var s in secrets)
            table.AddRow(Render.Esc(s.Path), s.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), Render.Time(s.UpdatedAt));
        return table;
    }

    private static SecretStore Open(ParseResult result) =>
        new(StateDirectory(result), TimeProvider.System);

    /// <summary>What the store refuses is the user's to fix: exit 2 with its reason.</summary>
    private static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (SecretStoreException e)
        {
            throw new CliException(ExitCodes.Rejected, e.Message);
        }
    }
}
