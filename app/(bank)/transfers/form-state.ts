// The transfer form's fields and the answers the server action gives back. Values come back so
// nothing typed is lost when a step-up or an error interrupts the submission.
export type TransferValues = {
  fromAccountId: string;
  toAccount: string;
  toNumber: string;
  amount: string;
  memo: string;
  idempotencyKey: string;
};

export type TransferState =
  | { status: "editing"; values: TransferValues; errors?: Partial<Record<keyof TransferValues, string>>; message?: string }
  | { status: "step-up"; values: TransferValues; message?: string };

/** The select option that means "another customer's account number, typed below". */
export const OTHER_CUSTOMER = "other";
