// POST /api/v1/transfers once its guard has passed (the tier and a fresh step-up, declared in
// app/api/v1/transfers/route.ts): the same rules as the web form (amount parser, one
// conditional-debit transaction), plus the Idempotency-Key header that makes a retried request
// one transfer.
import "server-only";
import { parseAmount } from "@/lib/bank/amount";
import { TRANSFER_IN_PROGRESS_RETRY_AFTER_SECONDS } from "@/lib/bank/limits";
import { executeTransfer, getTransfer, type TransferOutcome } from "@/lib/bank/transfers";
import type { SessionWithUser } from "@/lib/session/store";
import { transferAnswer } from "./answers";
import { apiError, BAD_REQUEST_HINTS } from "./errors";
import { readJson } from "./handler";
import { IDEMPOTENCY_KEY_PATTERN, transferBody } from "./schemas";

export async function sendTransfer(request: Request, session: SessionWithUser): Promise<Response> {
  const idempotencyKey = request.headers.get("idempotency-key") ?? "";
  if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) return apiError("bad_request", BAD_REQUEST_HINTS.idempotencyKey);
  const body = await readJson(request, transferBody, "transfer");
  if (!body.ok) return body.response;
  const amount = parseAmount(body.data.amount);
  if (!amount.ok) return apiError("bad_request", amount.message);

  const wanted = {
    fromAccountId: body.data.fromAccountId,
    toAccountNumber: body.data.toAccountNumber,
    amountCents: amount.cents,
    memo: body.data.memo || null,
  };
  const outcome = await executeTransfer({ userId: session.userId, idempotencyKey, ...wanted });
  if (!outcome.ok) return notMade(outcome);
  const details = await getTransfer(session.userId, outcome.transferId);
  if (!details) throw new Error("A transfer just made could not be read back");
  return transferAnswer(details, outcome.replayed);
}

/** A refusal (the original's own, word for word, on a retry), a key reused for another transfer, or the original still running. */
function notMade(outcome: Exclude<TransferOutcome, { ok: true }>): Response {
  if (outcome.reason === "refused") return apiError("transfer_refused", outcome.message);
  if (outcome.reason === "conflict") return apiError("idempotency_conflict");
  return apiError("transfer_in_progress", outcome.message, {
    headers: { "Retry-After": String(TRANSFER_IN_PROGRESS_RETRY_AFTER_SECONDS) },
  });
}
