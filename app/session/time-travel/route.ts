// Lab mode only: when the console last moved the sessions' clocks. Signed-in pages of a lab poll
// it (components/lab-time-travel.ts) and, after a move, ask for their deadlines again, so the
// timeout warning or the sign-out shows in the victim's window the moment the trainer clicks.
import { lastTimeTravel } from "@/lib/lab/demo-data";
import { labPublicRoute } from "@/lib/lab/guard";

export const GET = labPublicRoute(async () => Response.json({ at: await lastTimeTravel() }));
