using Greenlight.Core.Audit;

namespace Greenlight.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 16, 9, 58, 123, TimeSpan.Zero);
    private static readonly AuditKey Key = AuditKey.Generate();

    [Fact]
    public void ToJson_SortsKeysLeavesOutNullsAndEscapesOnlyWhatJsonRequires()
    {
        var entry = new AuditEntry(7, T0.ToOffset(TimeSpan.FromHours(2)), new AuditRecord("zoë", "deploy", "app \"shop\"\n\u0001", "ok") { Status = 202 }, AuditEntry.Genesis);

        var expected = "{\"action\":\"deploy\",\"actor\":\"zoë\",\"outcome\":\"ok\",\"prev\":\"" + AuditEntry.Genesis
            + "\",\"seq\":7,\"status\":202,\"subject\":\"app \\\"shop\\\"\\n\\u0001\",\"time\":\"2026-12-05T16:09:58.123Z\"}";
        Assert.Equal(expected, entry.ToJson());
    }

    [Fact]
    public void Parse_ALineItWrote_GivesTheSameEntry()
    {
        var entry = new AuditEntry(3, T0, new AuditRecord("a", "b", "c", "refused") { Request = "r", Source = "::1", Status = 403, Before = "x", After = "y", Detail = "d" }, new string('a', 64));

        Assert.Equal(entry, AuditEntry.Parse(entry.ToJson()));
    }

    [Fact]
    public void Verify_ASignedChain_IsIntact()
    {
        var (lines, checkpoints) = Chain(10);

        var result = AuditVerifier.Verify(lines, checkpoints, Key, fromStart: true);

        Assert.True(result.Ok, result.Problem?.ToString());
        Assert.Equal((10, 1, 10), (result.Entries, result.FirstSeq, result.LastSeq));
    }

    [Fact]
    public void Verify_TheLastEntryEdited_IsCaughtByTheCheckpoint()
    {
        var (lines, checkpoints) = Chain(10);
        lines[9] = lines[9].Replace("\"actor\":\"user-10\"", "\"actor\":\"someone\"");

        Assert.Equal(10, AuditVerifier.Verify(lines, checkpoints, Key, fromStart: true).Problem?.Seq);
    }

    [Fact]
    public void Verify_ACheckpointSignedByAnotherKey_IsRefused()
    {
        var (lines, _) = Chain(10);
        var forged = Checkpoint.Sign(10, AuditEntry.Hash(lines[9]), T0, AuditKey.Generate());

        var problem = AuditVerifier.Verify(lines, [forged], Key, fromStart: true).Problem;

        Assert.Contains("signature does not verify", problem?.What);
    }

    [Fact]
    public void Verify_TheFirstEntryDeleted_IsNamedAsEntry1()
    {
        var (lines, checkpoints) = Chain(5);

        var problem = AuditVerifier.Verify(lines[1..], checkpoints, Key, fromStart: true).Problem;

        Assert.Equal(new AuditProblem(1, "deleted: entry 1 is missing; the log starts at entry 2"), problem);
    }

    [Fact]
    public void ReadPem_TheKeysItWrote_SignAndVerifyAlike()
    {
        var key = AuditKey.ReadPem(Key.PrivatePem, "audit-key.pem");
        var pub = AuditKey.ReadPem(Key.PublicPem, "audit-key.pub.pem");

        Assert.True(pub.Verify("text", Convert.ToBase64String(key.Sign("text"))));
        Assert.Equal(Key.Fingerprint, pub.Fingerprint);
        Assert.Throws<FormatException>(() => AuditKey.ReadPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "x.pem"));
    }

    private static (string[] Lines, List<Checkpoint> Checkpoints) Chain(int n)
    {
        var lines = new string[n];
        var prev = AuditEntry.Genesis;
        for (var i = 0; i < n; i++)
        {
            lines[i] = new AuditEntry(i + 1, T0.AddSeconds(i), new AuditRecord($"user-{i + 1}", "deploy", "app shop", "ok"), prev).ToJson();
            prev = AuditEntry.Hash(lines[i]);
        }
        return (lines, [Checkpoint.Sign(n, prev, T0.AddSeconds(n), Key)]);
    }
}
