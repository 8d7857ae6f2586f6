// Owns the lab's switches in the database (table LabFlaw), so every browser of the lab — the
// victim's, the attacker's, the trainer's — meets the same defenses. flawOn() stays synchronous:
// it reads the process-wide copy that holdSwitches() keeps, which this module refreshes from the
// database at start-up and after each switch. Only ever called in lab mode (LAB_ALLOW=1).
import "server-only";
import { db } from "@/lib/db";
import { FLAW_NAMES, type FlawName } from "./flaw-names";
import { holdSwitches, startingFlaws } from "./flaws";

/** Start-up: LAB_FLAWS decides the starting state, whatever the last lab left behind. */
export async function startLabSwitches(): Promise<void> {
  const starting = startingFlaws();
  await db.$transaction([
    db.labFlaw.deleteMany({ where: { name: { notIn: [...FLAW_NAMES] } } }),
    ...FLAW_NAMES.map((name) => upsertSwitch(name, starting.includes(name))),
  ]);
  await reloadSwitches();
}

/** The console's switch: the database first, then this process's copy. */
export async function switchFlaws(names: readonly FlawName[], enabled: boolean): Promise<void> {
  await db.$transaction(names.map((name) => upsertSwitch(name, enabled)));
  await reloadSwitches();
}

function upsertSwitch(name: FlawName, enabled: boolean) {
  return db.labFlaw.upsert({ where: { name }, create: { name, enabled }, update: { enabled } });
}

async function reloadSwitches(): Promise<void> {
  const rows = await db.labFlaw.findMany({ where: { enabled: true }, select: { name: true } });
  holdSwitches(FLAW_NAMES.filter((name) => rows.some((row) => row.name === name)));
}
