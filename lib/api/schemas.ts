// What each /api/v1 request may carry. Strings are bounded so no field can be used to push
// megabytes through a parser; money is a decimal string, parsed by the web form's own parser.
import "server-only";
import { z } from "zod";
import { MAX_PASSWORD_FIELD_LENGTH } from "@/lib/auth/password-rules";
import { ACCOUNT_NUMBER_PATTERN, memoProblem, TRANSACTIONS_PAGE } from "@/lib/bank/limits";

const MAX_FIELD_LENGTH = 254;

export const credentialsBody = z.object({
  email: z.string().max(MAX_FIELD_LENGTH),
  password: z.string().min(1).max(MAX_PASSWORD_FIELD_LENGTH),
});

export const passwordBody = z.object({ password: z.string().min(1).max(MAX_PASSWORD_FIELD_LENGTH) });

export const transferBody = z.object({
  fromAccountId: z.string().min(1).max(MAX_FIELD_LENGTH),
  toAccountNumber: z.string().trim().toUpperCase().regex(ACCOUNT_NUMBER_PATTERN),
  // A string, never a JSON number: 0.1 + 0.2 is not money.
  amount: z.string().max(MAX_FIELD_LENGTH),
  memo: z.string().trim().superRefine(explainMemo).optional(),
});

/** The web form's memo rule, in its words (readJson answers with a custom issue's message). */
function explainMemo(memo: string, context: z.RefinementCtx): void {
  const problem = memoProblem(memo);
  if (problem) context.addIssue({ code: "custom", message: problem });
}

/**
 * One transfer request per key. A UUID per transfer is what clients should send; any 16 to 64
 * letters, digits, '-' or '_' are accepted (keys are scoped to the user, so they need not be
 * secret, only unique per transfer).
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(TRANSACTIONS_PAGE.maxLimit).default(TRANSACTIONS_PAGE.defaultLimit),
  cursor: z.string().min(1).max(MAX_FIELD_LENGTH).nullable().default(null),
});
