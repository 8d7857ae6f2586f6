// The timeout warning's poll: reports the deadlines and never extends the session (a tab left
// open must not keep it alive).
import { NextResponse } from "next/server";
import { sessionRoute } from "@/lib/session/guard";
import { sessionStatus } from "@/lib/session/status";

export const GET = sessionRoute({ tier: "requested", activity: false }, async (_request, session) =>
  NextResponse.json(sessionStatus(session, session.tier)),
);
