// Fills a PostgreSQL database's Session table up to a number of rows, the way a busy bank's
// table looks without cleanup: nine in ten long expired, the rest still within their deadline
// (other people's sessions). Random-looking hashes, so the unique index is as deep as in life.
import pg from "pg";
import { pgConnectionConfig } from "../../lib/database-url";

export async function fillWithExpiredSessions(databaseUrl: string, total: number): Promise<void> {
  const client = new pg.Client(pgConnectionConfig(databaseUrl));
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string; user_id: string }>(
      `SELECT (SELECT count(*) FROM "Session") AS count, (SELECT "id" FROM "User" ORDER BY "email" LIMIT 1) AS user_id`,
    );
    const have = Number(rows[0]!.count);
    if (have >= total) return;
    // Dates as Prisma writes them: UTC in timestamp(3) without time zone.
    await client.query(
      `INSERT INTO "Session" ("id", "tokenHash", "userId", "familyId", "createdAt", "lastSeenAt", "authenticatedAt", "expiresAt")
       SELECT 'bench-' || g, encode(sha256(('bench-' || g)::bytea), 'hex'), $1, 'bench-family-' || g,
              t - interval '3 days', t - interval '3 days', t - interval '3 days',
              CASE WHEN g % 10 = 0 THEN t + interval '6 hours' ELSE t - interval '2 days' END
       FROM generate_series($2::int, $3::int) AS g, (SELECT now() AT TIME ZONE 'UTC' AS t) AS clock`,
      [rows[0]!.user_id, have + 1, total],
    );
    await client.query(`ANALYZE "Session"`);
  } finally {
    await client.end();
  }
}
