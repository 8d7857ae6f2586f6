// Threat: a flood of failures, sent at once, slips past aggregation. Folding identical failures
// into one row by reading the row and then writing it lets concurrent requests each read "no row"
// and each insert one (the flood is back), or each read count n and write n + 1 (the count lies),
// or trip the unique key and answer 500. Defense: one upsert on the row's aggregation key,
// INSERT … ON CONFLICT DO UPDATE SET count = count + 1 (lib/session/events.ts `recordEvent`).
// Proof: each round, RACE_WIDTH wrong-password sign-ins for one racer from one address at once,
// over two instances: one row per reason, the counts adding up to every attempt, no 5xx.
import { documentationAddress } from "../support/api";
import { expect, race, raceFetch, test } from "../support/races";

test.describe("event aggregation against concurrent failures", { tag: "@postgres" }, () => {
  test.describe.configure({ timeout: 180_000 });
  test("concurrent identical failures fold into one row per reason, counting each", async ({
    instances,
    createRacer,
    db,
  }) => {
    await race(instances, {
      setup: async () => ({ racer: await createRacer(), address: documentationAddress() }),
      fire: async ({ racer, address }, i, baseURL) => {
        const response = await raceFetch(`${baseURL}/api/v1/sessions`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Forwarded-For": address },
          body: JSON.stringify({ email: racer.email, password: `wrong-${i}` }),
        });
        return response.status;
      },
      check: async ({ racer }, statuses, round) => {
        expect(
          statuses.filter((status) => status >= 500),
          `round ${round}: no 5xx`,
        ).toEqual([]);
        const rows = await db.securityEvent.findMany({ where: { userId: racer.id, type: "sign_in_failure" } });
        const reasons = new Map<string, number>();
        for (const row of rows) reasons.set(row.detail, (reasons.get(row.detail) ?? 0) + 1);
        // A window boundary between two attempts may start a second row for a reason, never more.
        for (const [reason, count] of reasons)
          expect(count, `round ${round}: rows for ${reason}`).toBeLessThanOrEqual(2);
        expect(rows.length, `round ${round}: fewer rows than attempts`).toBeLessThan(statuses.length);
        expect(
          rows.reduce((sum, row) => sum + row.count, 0),
          `round ${round}: every attempt counted`,
        ).toBe(statuses.length);
      },
    });
  });
});
