using System.Xml;
using System.Xml.Linq;
using Greenlight.Core.Parsing;
using Greenlight.Core.Pipelines;

namespace Greenlight.Engine.Pipeline.TestReports;

/// <summary>
/// Reads test results in the two formats test runners write: Visual Studio TRX (<c>dotnet test --logger trx</c>)
/// and JUnit XML (most other runners). Tests are counted one by one rather than from summary attributes,
/// which some JUnit writers leave out or get wrong.
/// </summary>
internal static class TestResultReader
{
    public static TestReport Read(string path)
    {
        XDocument doc;
        try
        {
            doc = XmlNesting.Load(path);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"{path}:{e.LineNumber}:{e.LinePosition}: not valid XML: {e.Message}", e);
        }
        return doc.Root?.Name.LocalName switch
        {
            "TestRun" => ReadTrx(doc.Root),
            "testsuites" or "testsuite" => ReadJUnit(doc.Root),
            var other => throw new InvalidDataException($"{path}: found a <{other}> document, expected TRX (<TestRun>) or JUnit XML (<testsuites> or <testsuite>)"),
        };
    }

    private static TestReport ReadTrx(XElement run)
    {
        int passed = 0, failed = 0, skipped = 0;
        var failures = new List<string>();
        foreach (var result in run.Descendants().Where(e => e.Name.LocalName == "UnitTestResult"))
        {
            switch ((string?)result.Attribute("outcome"))
            {
                case "Passed":
                    passed++;
                    break;
                case "Failed" or "Error" or "Timeout" or "Aborted":
                    failed++;
                    var message = result.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
                    failures.Add(Failure((string?)result.Attribute("testName"), message));
                    break;
                default:
                    skipped++;
                    break;
            }
        }
        return new TestReport(new TestCounts(passed + failed + skipped, passed, failed, skipped), failures);
    }

    private static TestReport ReadJUnit(XElement root)
    {
        int passed = 0, failed = 0, skipped = 0;
        var failures = new List<string>();
        foreach (var test in root.DescendantsAndSelf().Where(e => e.Name.LocalName == "testcase"))
        {
            var problem = test.Elements().FirstOrDefault(e => e.Name.LocalName is "failure" or "error");
            if (problem is not null)
            {
                failed++;
                var name = test.Attribute("classname") is { } c ? $"{c.Value}.{(string?)test.Attribute("name")}" : (string?)test.Attribute("name");
                failures.Add(Failure(name, (string?)problem.Attribute("message") ?? problem.Value));
            }
            else if (test.Elements().Any(e => e.Name.LocalName == "skipped"))
                skipped++;
            else
                passed++;
        }
        return new TestReport(new TestCounts(passed + failed + skipped, passed, failed, skipped), failures);
    }

    private static string Failure(string? name, string? message)
    {
        var first = message?.Trim().Split('\n', 2)[0].Trim();
        return string.IsNullOrEmpty(first) ? $"test failed: {name}" : $"test failed: {name}: {first}";
    }
}
