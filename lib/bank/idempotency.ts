// An idempotency key names one transfer request. A retry with the same key and the same request
// gets the original's outcome back; the same key with a different request is a client bug (or an
// attempt to pass a new payment off as a retry) and must be refused, not silently answered with
// the old outcome.
import "server-only";

export type TransferRequestFields = {
  fromAccountId: string;
  toAccountNumber: string;
  amountCents: number;
  memo: string | null;
};

export function isSameTransferRequest(stored: TransferRequestFields, request: TransferRequestFields): boolean {
  return (
    stored.fromAccountId === request.fromAccountId &&
    stored.toAccountNumber === request.toAccountNumber &&
    stored.amountCents === request.amountCents &&
    (stored.memo ?? null) === (request.memo ?? null)
  );
}
