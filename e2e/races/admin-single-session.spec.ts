// Threat: the admin single-session option beaten by timing. Eight sessions of one admin entering
// the panel at the same moment each read "no other elevated session" before any of them wrote,
// and all eight ended up elevated, in newest-wins and in oldest-wins alike (PostgreSQL, 6 of 6
// rounds in an outside review). Defense: the rule and the rotation that elevates are one
// transaction holding the admin's row lock (lib/session/admin.ts `elevateToAdmin`,
// lib/session/store.ts `withUserSessionsLocked`): entries take turns, each seeing what the one
// before it committed. Proof: RACE_ROUNDS rounds of RACE_WIDTH entries at once over two instances.
import type { Db } from "@/lib/db";
import { actionIdOf, expect, postAction, race, RACE_WIDTH, test, type RaceSession } from "../support/races";
import type { TestUser } from "../support/fixtures";

const ENTERED = "/admin;push";

async function setMode(db: Db, mode: "newest-wins" | "oldest-wins"): Promise<void> {
  const key = "admin.singleSession";
  await db.setting.upsert({ where: { key }, create: { key, value: mode }, update: { value: mode } });
}

/** The admin's sessions that are elevated and not ended. */
function elevatedLive(db: Db, admin: TestUser): Promise<number> {
  return db.session.count({ where: { userId: admin.id, endedAt: null, elevatedAt: { not: null } } });
}

test.describe("admin panel entries at the same moment", { tag: "@postgres" }, () => {
  // The option is one setting of the deployment: these two tests take turns.
  test.describe.configure({ mode: "serial", timeout: 300_000 });

  for (const mode of ["newest-wins", "oldest-wins"] as const) {
    test(`${mode}: however many entries arrive at once, one session is elevated`, async ({
      instances,
      createRacer,
      openSession,
      db,
    }) => {
      await setMode(db, mode);
      const admin = await createRacer({ role: "admin" });
      const on = instances[0]!.baseURL;
      await race(instances, {
        setup: async () => {
          // Each round starts with no elevated session: the previous round's winner ends.
          await db.session.updateMany({ where: { userId: admin.id, endedAt: null }, data: { endedAt: new Date() } });
          const sessions: RaceSession[] = [];
          for (let i = 0; i < RACE_WIDTH; i++) sessions.push(await openSession(admin));
          return { sessions, actionId: await actionIdOf(on, "/admin", sessions[0]!) };
        },
        fire: ({ sessions, actionId }, i, baseURL) => postAction(baseURL, "/admin", actionId, sessions[i]!, {}),
        check: async (_state, answers, round) => {
          const entered = answers.filter((a) => a.redirect === ENTERED).length;
          expect(await elevatedLive(db, admin), `round ${round}: elevated sessions left`).toBe(1);
          if (mode === "oldest-wins") {
            expect(entered, `round ${round}: entries let in`).toBe(1);
            const refused = answers.filter((a) => a.body.includes("already open in another session")).length;
            expect(refused, `round ${round}: the others are told where the panel is open`).toBe(RACE_WIDTH - 1);
          } else {
            expect(entered, `round ${round}: newest-wins lets every entry in, ending the one before`).toBe(RACE_WIDTH);
          }
        },
      });
    });
  }
});
