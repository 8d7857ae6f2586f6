// The session inspector's timeline, fetched when the panel is opened: a page render never pays
// for it. Reading it is not activity, like the status poll.
import { NextResponse } from "next/server";
import { answeringOutage } from "@/lib/outage";
import { sessionForRoute } from "@/lib/session/guard";
import { badTier, statusAnswer, tierParam } from "@/lib/session/route-answers";
import { sessionTimeline } from "@/lib/session/status";

export const GET = answeringOutage(async (request: Request) => {
  const tier = tierParam(request);
  if (!tier) return badTier();
  const result = await sessionForRoute(tier, { activity: false });
  if (!result.ok) return statusAnswer(result, tier);
  return NextResponse.json({ timeline: await sessionTimeline(result.session) });
});
