// POST /api/v1/transfers (high tier): needs a step-up within the last 5 minutes and an
// Idempotency-Key header; the rules are in lib/api/transfers.ts.
import { apiRoute } from "@/lib/api/handler";
import { sendTransfer } from "@/lib/api/transfers";

export const POST = apiRoute({ tier: "high" }, async (request, session) => sendTransfer(request, session));
