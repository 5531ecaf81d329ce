using Greenlight.Migrations.Lint.Parsing;

namespace Greenlight.Migrations.Lint.Rules;

internal sealed class RenameRule : AlterTableActionRule
{
    public override string Id => "GL003";
    public override string Title => "Renaming a table or column";
    public override string Why => "the revision still serving uses the old name and fails the moment the rename commits";
    public override string SafeAlternative => "expand: add the new table or column and write to both (or add a view); contract: remove the old name once no old revision runs";
    public override bool Destructive => true;

    // Renaming a constraint does not change what queries refer to.
    protected override bool Matches(IReadOnlyList<SqlToken> action) =>
        action.IsWord(0, "RENAME") && !action.IsWord(1, "CONSTRAINT");
}
