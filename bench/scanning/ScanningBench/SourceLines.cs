namespace ScanningBench;

/// <summary>
/// Realistic-looking lines per language, including what a naive scanner mistakes for secrets: UUIDs, sha256
/// hashes, lock-file integrity hashes, public_key values, token/password variables that are read, not assigned.
/// </summary>
internal sealed class SourceLines(Random rng)
{
    public static readonly string[] Languages = ["cs", "ts", "js", "py", "go", "yaml", "json", "env", "md"];

    private static readonly string[] Words =
    [
        "order", "customer", "invoice", "payment", "cart", "item", "price", "stock", "user", "session", "account",
        "shipment", "address", "region", "tenant", "report", "metric", "event", "queue", "message", "retry", "cache",
        "client", "request", "response", "handler", "service", "config", "limit", "timeout", "batch", "page",
    ];

    private const string Hex = "0123456789abcdef";
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public string Line(string language) => language switch
    {
        "cs" => CSharp(),
        "ts" or "js" => Script(),
        "py" => Python(),
        "go" => Go(),
        "yaml" => Yaml(),
        "json" => Json(),
        "env" => Env(),
        _ => Markdown(),
    };

    private string CSharp() => rng.Next(12) switch
    {
        0 => $"using System.{Pascal()};",
        1 => $"    public async Task<{Pascal()}> Get{Pascal()}Async(Guid id, CancellationToken cancellationToken)",
        2 => $"        var {Camel()} = await _{Camel()}.Find{Pascal()}Async(id, cancellationToken).ConfigureAwait(false);",
        3 => $"        private static readonly Guid {Pascal()}Id = new(\"{Uuid()}\");",
        4 => $"        // {Sentence()}",
        5 => $"        if ({Camel()} is null) throw new InvalidOperationException(\"{Sentence()}\");",
        6 => $"        public const string {Pascal()}Sha256 = \"{rng.Chars(Hex, 64)}\";",
        7 => $"        var token = await _tokens.Acquire{Pascal()}Async(scope, cancellationToken);",
        8 => $"        var password = configuration[\"{Pascal()}:Password\"];",
        9 => "    }",
        10 => $"        return new {Pascal()}({Camel()}, {Camel()}.{Pascal()}, {rng.Next(1000)});",
        _ => $"        _logger.LogInformation(\"{Sentence()} {{{Pascal()}}}\", {Camel()});",
    };

    private string Script() => rng.Next(11) switch
    {
        0 => $"import {{ {Camel()} }} from \"./{Camel()}\";",
        1 => $"export async function {Camel()}({Camel()}: string, token: string): Promise<{Pascal()}> {{",
        2 => $"  const {Camel()} = await fetch(`/api/{Camel()}/${{id}}`, {{ headers: {{ Authorization: `Bearer ${{token}}` }} }});",
        3 => $"  const requestId = \"{Uuid()}\";",
        4 => $"  // {Sentence()}",
        5 => $"  const integrity = \"sha512-{rng.Chars(Base64, 86)}==\";",
        6 => $"  if (!{Camel()}) throw new Error(\"{Sentence()}\");",
        7 => "}",
        8 => $"  const password = process.env.{Upper()}_PASSWORD;",
        9 => $"  return {{ {Camel()}, {Camel()}: {rng.Next(1000)}, publicKey: \"{rng.Chars(Base64, 44)}\" }};",
        _ => $"  {Camel()}.{Camel()}({Camel()}, {rng.Next(100)});",
    };

    private string Python() => rng.Next(10) switch
    {
        0 => $"from {Snake()} import {Pascal()}",
        1 => $"def {Snake()}({Snake()}, token=None):",
        2 => $"    {Snake()} = {Snake()}.get(\"{Snake()}\", {rng.Next(100)})",
        3 => $"    public_key = \"{rng.Chars(Base64, 44)}\"",
        4 => $"    # {Sentence()}",
        5 => $"    password = os.environ[\"{Upper()}_PASSWORD\"]",
        6 => $"    checksum = \"{rng.Chars(Hex, 64)}\"",
        7 => $"    token = get_token(\"{Uuid()}\")",
        8 => $"    return {Pascal()}({Snake()}={Snake()})",
        _ => $"    raise ValueError(\"{Sentence()}\")",
    };

    private string Go() => rng.Next(9) switch
    {
        0 => $"func ({Camel()[..1]} *{Pascal()}) {Pascal()}(ctx context.Context, token string) error {{",
        1 => "\tif err != nil {",
        2 => $"\t\treturn fmt.Errorf(\"{Sentence()}: %w\", err)",
        3 => $"\t{Camel()}ID := uuid.MustParse(\"{Uuid()}\")",
        4 => $"\t// {Sentence()}",
        5 => $"\t{Pascal()} string `json:\"{Snake()}\" yaml:\"{Snake()}\"`",
        6 => $"\tdigest := \"sha256:{rng.Chars(Hex, 64)}\"",
        7 => "}",
        _ => $"\t{Camel()} := {Camel()}.{Pascal()}({rng.Next(100)})",
    };

    private string Yaml() => rng.Next(8) switch
    {
        0 => $"  {Snake()}: {rng.Next(10000)}",
        1 => $"    image: registry.example.com/{Camel()}@sha256:{rng.Chars(Hex, 64)}",
        2 => $"  - name: {Upper()}_PASSWORD",
        3 => $"    value: \"${{{Upper()}_SECRET}}\"",
        4 => $"  # {Sentence()}",
        5 => $"  tenant_id: \"{Uuid()}\"",
        6 => $"  api_token: \"{{{{ vault_{Snake()}_token }}}}\"",
        _ => $"  {Snake()}: \"{Sentence()}\"",
    };

    private string Json() => rng.Next(5) switch
    {
        0 => $"    \"node_modules/{Camel()}\": {{ \"version\": \"{rng.Next(9)}.{rng.Next(20)}.{rng.Next(20)}\",",
        1 => $"      \"integrity\": \"sha512-{rng.Chars(Base64, 86)}==\",",
        2 => $"      \"resolved\": \"https://registry.npmjs.org/{Camel()}/-/{Camel()}-1.0.{rng.Next(50)}.tgz\",",
        3 => $"      \"contentHash\": \"{rng.Chars(Base64, 86)}==\",",
        _ => $"      \"id\": \"{Uuid()}\",",
    };

    private string Env() => rng.Next(5) switch
    {
        0 => $"{Upper()}_HOST=localhost",
        1 => $"{Upper()}_PASSWORD=\"changeme\"",
        2 => $"{Upper()}_TOKEN=\"${{{Upper()}_TOKEN}}\"",
        3 => $"# {Sentence()}",
        _ => $"{Upper()}_ID=\"{Uuid()}\"",
    };

    private string Markdown() => rng.Next(40) switch
    {
        < 4 => $"## {Pascal()} {Camel()}",
        < 24 => Sentence() + ". " + Sentence() + ".",
        24 => $"Set `{Upper()}_SECRET` to your secret; a key id looks like AKIAXXXXXXXXXXXXXXXX.",
        < 28 => $"- the `public_key` of a {Camel()} is `{rng.Chars(Base64, 44)}`",
        < 32 => $"    {Camel()}.{Pascal()}(\"{Uuid()}\");",
        _ => "",
    };

    private string Word() => Words[rng.Next(Words.Length)];
    private string Camel() => Word() + Pascal();
    private string Pascal() { var w = Word(); return char.ToUpperInvariant(w[0]) + w[1..]; }
    private string Snake() => Word() + "_" + Word();
    private string Upper() => Word().ToUpperInvariant();
    private string Sentence() => string.Join(' ', Enumerable.Range(0, 4 + rng.Next(8)).Select(_ => Word()));
    private string Uuid() => $"{rng.Chars(Hex, 8)}-{rng.Chars(Hex, 4)}-4{rng.Chars(Hex, 3)}-a{rng.Chars(Hex, 3)}-{rng.Chars(Hex, 12)}";
}
