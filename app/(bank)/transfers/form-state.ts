// The transfer form's fields and the answers the server action gives back. Values come back so
// nothing typed is lost when a step-up or an error interrupts the submission.
export type TransferValues = {
  fromAccountId: string;
  /**
   * Which of the two destinations the form shows: one of the customer's own accounts
   * (`toAccount`) or someone else's account number (`toNumber`). Only the form reads it; the
   * server goes by which of those two fields arrived filled in.
   */
  recipient: Recipient;
  toAccount: string;
  toNumber: string;
  amount: string;
  memo: string;
  idempotencyKey: string;
};

export type Recipient = "own" | "other";

export type TransferErrors = Partial<Record<keyof TransferValues, string>>;

export type TransferState =
  | { status: "editing"; values: TransferValues; errors?: TransferErrors; message?: string }
  | { status: "step-up"; values: TransferValues; message?: string };

/** One of the customer's accounts, as the form's selects list it. */
export type AccountOption = { id: string; number: string; label: string };
