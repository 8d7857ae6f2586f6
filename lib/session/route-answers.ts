// JSON answers for the session routes the timeout warning talks to.
import "server-only";
import { NextResponse } from "next/server";
import { TIERS, type Tier } from "./policy";
import { sessionStatus } from "./status";
import type { Validation } from "./validate";

export function tierParam(request: Request): Tier | null {
  const value = new URL(request.url).searchParams.get("tier");
  return TIERS.find((t) => t === value) ?? null;
}

export function badTier(): NextResponse {
  return NextResponse.json({ error: "bad_request", message: "tier must be low, medium or high" }, { status: 400 });
}

export function statusAnswer(result: Validation, tier: Tier): NextResponse {
  if (!result.ok) {
    return NextResponse.json({ error: "session_ended", reason: result.reason }, { status: 401 });
  }
  return NextResponse.json(sessionStatus(result.session, tier));
}
