namespace Greenlight.Migrations;

/// <summary>One problem found by validation; <see cref="Script"/> is the file (or history entry) concerned.</summary>
public sealed record ValidationProblem(string Script, string Message);
