// "Stay signed in": a deliberate POST from the user, which counts as activity on the server.
import { NextResponse } from "next/server";
import { sessionRoute } from "@/lib/session/guard";
import { sessionStatus } from "@/lib/session/status";

export const POST = sessionRoute({ tier: "requested", activity: true }, async (_request, session) =>
  NextResponse.json(sessionStatus(session, session.tier)),
);
