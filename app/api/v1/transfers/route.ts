// POST /api/v1/transfers (high tier): moving money needs the password entered within the last
// few minutes (a step-up, 403 step_up_required otherwise) and an Idempotency-Key header; the
// rules are in lib/api/transfers.ts.
import { apiRoute } from "@/lib/api/handler";
import { sendTransfer } from "@/lib/api/transfers";

export const POST = apiRoute({ tier: "high", fresh: true }, async (request, session) => sendTransfer(request, session));
