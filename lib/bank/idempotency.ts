// An Idempotency-Key names one transfer request. A retry with the same key and the same body
// gets the original transfer back; the same key with a different body is a client bug (or an
// attempt to pass a new payment off as a retry) and must be refused, not silently answered
// with the old transfer.
import "server-only";

export type TransferRequest = {
  fromAccountId: string;
  toAccountNumber: string;
  amountCents: number;
  memo: string | null;
};

export type StoredTransfer = {
  transfer: { fromAccountId: string; amountCents: number; memo: string | null };
  to: { number: string };
};

export function isSameTransferRequest(stored: StoredTransfer, request: TransferRequest): boolean {
  return (
    stored.transfer.fromAccountId === request.fromAccountId &&
    stored.to.number === request.toAccountNumber &&
    stored.transfer.amountCents === request.amountCents &&
    (stored.transfer.memo ?? null) === (request.memo ?? null)
  );
}
