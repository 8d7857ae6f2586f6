// GET reports the session's deadlines without extending them (reading them is not activity);
// DELETE signs out: the session ends on the server, so a copy of the token dies with it.
import { NextResponse } from "next/server";
import { sessionAnswer } from "@/lib/api/answers";
import { sessionRefused } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/handler";
import { endApiSession, sessionForApi } from "@/lib/session/bearer";

export const GET = apiRoute(async (request) => {
  const auth = await sessionForApi(request, "low", { activity: false });
  if (!auth.ok) return sessionRefused(auth.reason);
  return sessionAnswer(auth.session);
});

export const DELETE = apiRoute(async (request) => {
  const auth = await sessionForApi(request, "low", { activity: false });
  if (!auth.ok) return sessionRefused(auth.reason);
  await endApiSession(request);
  return new NextResponse(null, { status: 204 });
});
