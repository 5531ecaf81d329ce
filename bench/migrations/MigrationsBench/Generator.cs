using System.Globalization;
using System.Text;

namespace MigrationsBench;

/// <summary>
/// The migrations every tool applies: deterministic, Flyway-named (<c>V001__create_bench_1.sql</c>; zero-padded so
/// DbUp's name order is the version order), SQL both SQLite and PostgreSQL accept. A realistic mix, cycling through:
/// create a table, insert a few rows, add a column with a default, create an index, a data update, and a mixed
/// script (insert + add column).
/// </summary>
internal static class Generator
{
    public sealed record Result(int Scripts, int Tables, int Rows);

    public static Result Write(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var tables = new List<(string Name, List<string> Columns, int Rows)>();
        var rows = 0;
        for (var i = 1; i <= count; i++)
        {
            var sql = new StringBuilder();
            string description;
            if (tables.Count == 0 || i % 6 == 1)
            {
                var name = $"bench_{tables.Count + 1}";
                tables.Add((name, ["name", "created_at", "amount"], 0));
                description = $"create_{name}";
                sql.Append(CultureInfo.InvariantCulture, $"""
                    -- Migration {i}: a new table.
                    CREATE TABLE {name} (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        created_at TEXT NOT NULL DEFAULT '2025-01-01T00:00:00Z',
                        amount INTEGER NOT NULL DEFAULT 0
                    );

                    """);
            }
            else
            {
                // Work on a recent table most of the time, an older one now and then.
                var index = i % 5 == 0 ? (i * 7) % tables.Count : tables.Count - 1;
                var table = tables[index];
                switch (i % 6)
                {
                    case 2:
                        description = $"seed_{table.Name}";
                        sql.Append(CultureInfo.InvariantCulture, $"-- Migration {i}: reference rows.\n");
                        table = table with { Rows = Insert(sql, table.Name, table.Rows, 5) };
                        rows += 5;
                        break;
                    case 3:
                    {
                        var column = $"c{i}";
                        description = $"add_{column}_to_{table.Name}";
                        table.Columns.Add(column);
                        sql.Append(CultureInfo.InvariantCulture, $"""
                            -- Migration {i}: a new column, with a default so existing rows stay valid.
                            ALTER TABLE {table.Name} ADD COLUMN {column} TEXT NOT NULL DEFAULT 'none';

                            """);
                        break;
                    }
                    case 4:
                    {
                        var column = table.Columns[i % table.Columns.Count];
                        description = $"index_{table.Name}_{column}";
                        sql.Append(CultureInfo.InvariantCulture, $"""
                            -- Migration {i}: an index for a new query.
                            CREATE INDEX ix_{i}_{table.Name}_{column} ON {table.Name} ({column});

                            """);
                        break;
                    }
                    case 5:
                        description = $"backfill_{table.Name}";
                        sql.Append(CultureInfo.InvariantCulture, $"""
                            -- Migration {i}: a data fix.
                            UPDATE {table.Name} SET amount = amount + {i} WHERE id % 2 = 0;

                            """);
                        break;
                    default:
                    {
                        var column = $"c{i}";
                        description = $"extend_{table.Name}";
                        table.Columns.Add(column);
                        sql.Append(CultureInfo.InvariantCulture, $"""
                            -- Migration {i}: a column and a few more rows.
                            ALTER TABLE {table.Name} ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0;

                            """);
                        table = table with { Rows = Insert(sql, table.Name, table.Rows, 3) };
                        rows += 3;
                        break;
                    }
                }

                tables[index] = table;
            }

            File.WriteAllText(Path.Combine(folder, $"V{i:000}__{description}.sql"), sql.ToString());
        }

        return new Result(count, tables.Count, rows);
    }

    private static int Insert(StringBuilder sql, string table, int existing, int count)
    {
        sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO {table} (id, name, amount) VALUES\n");
        for (var r = 1; r <= count; r++)
        {
            var id = existing + r;
            sql.Append(CultureInfo.InvariantCulture, $"    ({id}, 'row {id} of {table}', {id * 10}){(r == count ? ";" : ",")}\n");
        }

        return existing + count;
    }
}
