// POST /api/v1/transfers (high tier): needs a step-up within the last 5 minutes and an
// Idempotency-Key header; the rules are in lib/api/transfers.ts.
import { sessionRefused } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/handler";
import { sendTransfer } from "@/lib/api/transfers";
import { sessionForApi } from "@/lib/session/bearer";

export const POST = apiRoute(async (request) => {
  const auth = await sessionForApi(request, "high", { activity: true });
  if (!auth.ok) return sessionRefused(auth.reason);
  return sendTransfer(request, auth.session);
});
