// The session inspector's timeline, fetched when the panel is opened: a page render never pays
// for it. Reading it is not activity, like the status poll.
import { NextResponse } from "next/server";
import { sessionRoute } from "@/lib/session/guard";
import { sessionTimeline } from "@/lib/session/status";

export const GET = sessionRoute({ tier: "requested", activity: false }, async (_request, session) =>
  NextResponse.json({ timeline: await sessionTimeline(session) }),
);
