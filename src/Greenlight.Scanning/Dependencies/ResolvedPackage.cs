namespace Greenlight.Scanning.Dependencies;

/// <summary>A package at the version a lock or project file resolves to.</summary>
/// <param name="Ecosystem">OSV ecosystem name, e.g. <c>NuGet</c> or <c>npm</c>.</param>
/// <param name="File">Path of the file the package was read from, as given to the scanner.</param>
public sealed record ResolvedPackage(string Ecosystem, string Name, string Version, string File, bool Direct);
