using Greenlight.Migrations.Scripts;

namespace Greenlight.Migrations.Callbacks;

/// <summary>A callback script and the event it runs at; never a migration and never a history row.</summary>
internal sealed record SqlCallback(string Event, MigrationScript Script);
