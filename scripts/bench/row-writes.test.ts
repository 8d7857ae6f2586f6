// The bench's write counter must count what the app writes, and nothing it only reads: its
// `status_poll_writes = 0` goal is only worth something if a write would have shown.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { pgConnectionConfig, quoteIdent } from "../../lib/database-url";
import { runOnMaintenanceDb } from "../../prisma/cli-adapters";
import { setupDatabase } from "../db-setup";
import { testPostgresUrl } from "../test-postgres";
import { watchRowWrites } from "./row-writes";

const url = testPostgresUrl(`vaultline_row_writes_${process.pid}_${Date.now()}`);

describe("the bench's row-write counter", () => {
  const client = new pg.Client(pgConnectionConfig(url));
  before(async () => {
    await setupDatabase(url, { force: true, passwordHashCost: 4 });
    await client.connect();
  });
  after(async () => {
    await client.end();
    const config = pgConnectionConfig(url);
    await runOnMaintenanceDb(config, `DROP DATABASE IF EXISTS ${quoteIdent(config.database)} WITH (FORCE)`);
  });

  it("counts every row inserted, updated and deleted at once, reads not at all, and leaves no trace", async () => {
    const users = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "User"`)).rows[0]!.n);
    assert.ok(users >= 2, "the demo users are there to update");
    const writes = await watchRowWrites(url);
    try {
      await client.query(`SELECT * FROM "User"`);
      assert.equal(await writes.count(), 0, "a read");
      await client.query(`UPDATE "User" SET name = name`);
      assert.equal(await writes.count(), users, "one update of every user");
      await client.query(`INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('bench.check', 'on', now())`);
      await client.query(`DELETE FROM "Setting" WHERE key = 'bench.check'`);
      assert.equal(await writes.count(), users + 2, "an insert and a delete");
    } finally {
      await writes.stop();
    }
    const { rows } = await client.query(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal`);
    assert.deepEqual(rows, [], "no trigger left behind");
  });
});
