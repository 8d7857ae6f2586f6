// Limits shared by the server and the transfer form (safe to import in client components).
import { hasUnsafeCharacters } from "@/lib/text";

export const MEMO_MAX_LENGTH = 140;

/**
 * What is wrong with a memo (already trimmed), or null. The one memo rule: the transfer form and
 * the JSON API both answer with these words. The memo is shown to the payee and stored on both
 * ledgers, so it holds only visible text (lib/text.ts says why).
 */
export function memoProblem(memo: string): string | null {
  if (memo.length > MEMO_MAX_LENGTH) return `Keep the memo under ${MEMO_MAX_LENGTH} characters.`;
  if (hasUnsafeCharacters(memo))
    return "Use only visible characters in the memo: no line breaks, tabs or control characters.";
  return null;
}

/** Account numbers as customers type them (uppercased first), e.g. VL-1002-0001. */
export const ACCOUNT_NUMBER_PATTERN = /^[A-Z0-9-]{4,32}$/;

/** The JSON API's history pages. */
export const TRANSACTIONS_PAGE = {
  defaultLimit: 25,
  /** One request never reads more than this: a client cannot ask for the whole ledger at once. */
  maxLimit: 100,
} as const;

/**
 * A retry of a transfer (the same Idempotency-Key, or the same form sent twice) that arrives while
 * the original is still running, and waited longer than the bank waits for it: not a refusal,
 * the original's outcome is not known yet. The API answers it with 409 and Retry-After.
 */
export const TRANSFER_IN_PROGRESS_MESSAGE =
  "This transfer is still being processed. Wait a moment, then send the same request again to see its outcome.";
export const TRANSFER_IN_PROGRESS_RETRY_AFTER_SECONDS = 1;
