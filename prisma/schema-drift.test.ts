// Guards the two-schema setup: the PostgreSQL models must be a copy of the SQLite ones, both
// migrations folders must hold the same migrations, and each folder must build its schema
// exactly (replayed on a shadow database: in memory for SQLite, a PostgreSQL database that
// prisma/cli-adapters.ts creates and drops on the tests' server, E2E_POSTGRES_URL or 127.0.0.1:5432).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { KINDS, migrationNames, migrationsDir, modelsSection, pendingSql, schemaPath } from "../scripts/db-migration";

const FIX = "edit prisma/sqlite/schema.prisma, then run `npm run db:migration -- <name>`";

test("both schemas hold the same models", () => {
  const [sqlite, postgres] = KINDS.map((kind) => modelsSection(readFileSync(schemaPath(kind), "utf8")));
  assert.equal(postgres, sqlite, `prisma/postgres/schema.prisma models differ from the SQLite ones: ${FIX}`);
});

test("both migrations folders hold the same migrations", () => {
  const [sqlite, postgres] = KINDS.map(migrationNames);
  assert.ok(sqlite && sqlite.length > 0, "prisma/sqlite/migrations holds no migration");
  assert.deepEqual(postgres, sqlite);
  for (const kind of KINDS) {
    for (const name of migrationNames(kind)) {
      assert.ok(
        existsSync(path.join(migrationsDir(kind), name, "migration.sql")),
        `${kind}/${name} has no migration.sql`,
      );
    }
    assert.ok(existsSync(path.join(migrationsDir(kind), "migration_lock.toml")), `${kind} has no migration_lock.toml`);
  }
});

for (const kind of KINDS) {
  test(`the ${kind} migrations produce the ${kind} schema`, () => {
    assert.equal(pendingSql(kind), "", `prisma/${kind}/schema.prisma has changes no migration holds: ${FIX}`);
  });
}
