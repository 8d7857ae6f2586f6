// JSON answers for the session routes the timeout warning talks to.
import "server-only";
import { NextResponse } from "next/server";
import { apiError, sessionEnded } from "@/lib/api/errors";
import { TIERS, type Tier } from "./policy";
import { sessionStatus } from "./status";
import type { Validation } from "./validate";

export function tierParam(request: Request): Tier | null {
  const value = new URL(request.url).searchParams.get("tier");
  return TIERS.find((t) => t === value) ?? null;
}

export function badTier(): NextResponse {
  return apiError("bad_request", "tier must be low, medium or high");
}

export function statusAnswer(result: Validation, tier: Tier): NextResponse {
  if (!result.ok) return sessionEnded(result.reason, tier);
  return NextResponse.json(sessionStatus(result.session, tier));
}
