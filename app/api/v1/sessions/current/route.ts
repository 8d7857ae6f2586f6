// GET reports the session's deadlines without extending them (reading them is not activity);
// DELETE signs out: the session ends on the server, so a copy of the token dies with it.
import { NextResponse } from "next/server";
import { sessionAnswer } from "@/lib/api/answers";
import { apiRoute } from "@/lib/api/handler";
import { endApiSession } from "@/lib/session/bearer";

export const GET = apiRoute({ tier: "low", activity: false }, async (_request, session) => sessionAnswer(session));

export const DELETE = apiRoute({ tier: "low", activity: false }, async (request) => {
  await endApiSession(request);
  return new NextResponse(null, { status: 204 });
});
