// DATABASE_URL interpretation. The PostgreSQL cases run against the local server (no TLS): a URL
// that asks for TLS must fail there rather than quietly connect in plain text.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pg from "pg";
import { pgConnectionConfig } from "./database-url";
import { createDb } from "./db";
import { TEST_POSTGRES_URL, testPostgresUrl } from "../scripts/test-postgres";

const LOCAL = TEST_POSTGRES_URL;

async function currentDatabase(config: pg.ClientConfig): Promise<string> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    return (await client.query<{ name: string }>("SELECT current_database() AS name")).rows[0]!.name;
  } finally {
    await client.end();
  }
}

describe("pgConnectionConfig", () => {
  it("reads every field of the URL, the password decoded", () => {
    const config = pgConnectionConfig("postgresql://app:p%40ss%2Fword@db.example:6543/bank?application_name=vaultline");
    assert.equal(config.host, "db.example");
    assert.equal(config.port, 6543);
    assert.equal(config.user, "app");
    assert.equal(config.password, "p@ss/word");
    assert.equal(config.database, "bank");
    assert.equal(config.application_name, "vaultline");
  });

  it("defaults what the URL leaves out", () => {
    const config = pgConnectionConfig("postgresql://db.example");
    assert.deepEqual(
      { host: config.host, port: config.port, user: config.user, password: config.password, database: config.database },
      { host: "db.example", port: 5432, user: "postgres", password: undefined, database: "postgres" },
    );
  });

  it("keeps the TLS settings", () => {
    assert.ok(pgConnectionConfig(`${LOCAL}?sslmode=require`).ssl, "sslmode=require");
    assert.ok(pgConnectionConfig(`${LOCAL}?ssl=true`).ssl, "ssl=true");
    assert.equal(pgConnectionConfig(`${LOCAL}?sslmode=disable`).ssl, false);
    assert.equal(pgConnectionConfig(LOCAL).ssl, undefined);
  });

  it("connects to the local server with a plain URL", async () => {
    assert.equal(await currentDatabase(pgConnectionConfig(LOCAL)), "postgres");
  });

  it("lets an explicit database win over the URL's (shadow and maintenance databases)", async () => {
    const config = {
      ...pgConnectionConfig(testPostgresUrl("no_such_database")),
      database: "template1",
    };
    assert.equal(await currentDatabase(config), "template1");
  });

  it("refuses to connect in plain text when the URL requires TLS", async () => {
    await assert.rejects(currentDatabase(pgConnectionConfig(`${LOCAL}?sslmode=require`)), /does not support SSL/);
  });

  it("the app's client refuses plain text too when the URL requires TLS", async () => {
    const db = createDb(`${LOCAL}?sslmode=require`);
    try {
      await assert.rejects(db.$queryRawUnsafe("SELECT 1"), /SSL|TLS/i);
    } finally {
      await db.$disconnect();
    }
    const plain = createDb(LOCAL);
    try {
      assert.deepEqual(await plain.$queryRawUnsafe("SELECT 1 AS one"), [{ one: 1 }]);
    } finally {
      await plain.$disconnect();
    }
  });
});
