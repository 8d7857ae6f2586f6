"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { FLAW_NAMES } from "@/lib/lab/flaw-names";
import { jumpInTime, resetDemoData, timeJumps, type TimeJump } from "@/lib/lab/demo-data";
import { BURSTS, isBurstFlaw, type BurstReport } from "@/lib/lab/bursts";
import { labAction } from "@/lib/lab/guard";
import { clearInbox } from "@/lib/lab/inbox";
import { clearScores } from "@/lib/lab/outcomes";
import { switchFlaws } from "@/lib/lab/switches";

/** One flaw's switch: `flaw` names it, `enabled` is "on" (defense off) or "off". */
export const switchFlaw = labAction(async (form) => {
  const name = FLAW_NAMES.find((n) => n === form.get("flaw"));
  if (!name) return;
  await switchFlaws([name], form.get("enabled") === "on");
  // The console and every flaw's page show the switch.
  revalidatePath("/lab", "layout");
});

export const switchAllFlaws = labAction(async (form) => {
  await switchFlaws(FLAW_NAMES, form.get("enabled") === "on");
  revalidatePath("/lab", "layout");
});

/** Demo data back to the seed, every session ended, the attacker's inbox and the score board emptied. */
export const resetLab = labAction(async () => {
  await resetDemoData();
  await clearScores();
  const emptied = await clearInbox();
  redirect(`/lab?done=${emptied ? "reset" : "reset-no-inbox"}`);
});

export const travelInTime = labAction(async (form) => {
  const jump = Object.keys(timeJumps()).find((j) => j === form.get("jump")) as TimeJump | undefined;
  if (!jump) return;
  await jumpInTime(jump);
  redirect(`/lab?done=${jump}`);
});

/** Plays the flaw's guessing attack against the bank and reports every answer (lib/lab/bursts.ts). */
export const runBurst = labAction(async (form): Promise<BurstReport | null> => {
  const flaw = String(form.get("flaw"));
  return isBurstFlaw(flaw) ? BURSTS[flaw].attack() : null;
});
