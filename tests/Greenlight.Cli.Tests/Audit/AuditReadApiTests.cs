using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Greenlight.Cli.Tests.Auth;
using Greenlight.Engine.State;
using Microsoft.Data.Sqlite;

namespace Greenlight.Cli.Tests.Audit;

/// <summary>The audit log read through the API by an auditor holding nothing but viewer on one app: its latest entries
/// newest first, paged, and the verifier's verdict, which names the first bad entry once the store is tampered with.</summary>
public sealed class AuditReadApiTests(InProcessController controller) : IClassFixture<InProcessController>
{
    [Fact]
    public async Task Viewer_ReadsTheLatestEntriesNewestFirstAndPagesBack_VerifyIsIntact_ThenNamesTheDeletedEntry()
    {
        // Each user made is three audited calls (the user, the grant, the token): six entries.
        var (auditor, token) = await controller.UserAsync(("viewer", "shop", "*"));
        await controller.UserAsync(("approver", "*", "*"));
        using var http = controller.Client(token);

        var latest = (await http.GetFromJsonAsync<JsonElement[]>("v1/audit?limit=2"))!;
        var older = (await http.GetFromJsonAsync<JsonElement[]>("v1/audit?before=5"))!;
        var intact = await http.GetFromJsonAsync<JsonElement>("v1/audit/verify");
        using var badLimit = await http.GetAsync("v1/audit?limit=many");

        Assert.Equal([6L, 5L], latest.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(["POST /v1/tokens", "POST /v1/users/{name}/grants"], latest.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal([4L, 3L, 2L, 1L], older.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(("admin", $"user {auditor}"), (older[^1].GetProperty("actor").GetString(), older[^1].GetProperty("subject").GetString()));
        Assert.Equal((true, 6L, 1L, 6L), (intact.GetProperty("ok").GetBoolean(), intact.GetProperty("entries").GetInt64(),
            intact.GetProperty("first").GetInt64(), intact.GetProperty("last").GetInt64()));
        Assert.Equal(JsonValueKind.Null, intact.GetProperty("firstBad").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("limit", await EndpointAccessTests.ErrorOf(badLimit));

        Tamper("DELETE FROM audit_log WHERE seq = 3; UPDATE audit_log SET entry = 'not an entry' WHERE seq = 5");
        var broken = await http.GetFromJsonAsync<JsonElement>("v1/audit/verify");
        var stored = await http.GetFromJsonAsync<JsonElement[]>("v1/audit");

        Assert.Equal((false, 3L), (broken.GetProperty("ok").GetBoolean(), broken.GetProperty("firstBad").GetInt64()));
        Assert.StartsWith("deleted: entry 3 is missing", broken.GetProperty("problem").GetString());
        Assert.Equal("not an entry", stored![1].GetString());
    }

    private void Tamper(string sql)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(controller.StateDirectory, StateStores.SqliteFile)};Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
