// JSON answers for the session routes the timeout warning talks to (lib/session/guard.ts
// sessionRoute gives them before a handler runs).
import "server-only";
import type { NextResponse } from "next/server";
import { apiError } from "@/lib/api/errors";
import { TIERS, TOP_TIER, type Tier } from "./policy";

export function tierParam(request: Request): Tier | null {
  const value = new URL(request.url).searchParams.get("tier");
  return TIERS.find((t) => t === value) ?? null;
}

/** "tier must be low, medium or high", naming the policy's tiers. */
const BAD_TIER_MESSAGE = `tier must be ${TIERS.slice(0, -1).join(", ")} or ${TOP_TIER}`;

export function badTier(): NextResponse {
  return apiError("bad_request", BAD_TIER_MESSAGE);
}
