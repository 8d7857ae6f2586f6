import { BankPage } from "@/components/bank-page";
import { randomUUID } from "node:crypto";
import { listAccounts } from "@/lib/bank/accounts";
import { formatCents } from "@/lib/money";
import { requireSession } from "@/lib/session/guard";
import { TransferForm } from "./transfer-form";

export default async function TransfersPage() {
  const session = await requireSession("high");
  const accounts = await listAccounts(session.userId);
  if (accounts.length === 0)
    return (
      <BankPage session={session}>
        <h1>Transfer money</h1>
        <p className="text-slate-700">You have no account to pay from.</p>
      </BankPage>
    );
  const options = accounts.map((a) => ({
    id: a.id,
    number: a.number,
    label: `${a.name} ${a.number} (${formatCents(a.balanceCents)})`,
  }));
  return (
    <BankPage session={session}>
      <h1>Transfer money</h1>
      <p className="lead">Transfers need your password entered within the last few minutes.</p>
      <TransferForm
        accounts={options}
        // One key per rendered form: a double-click or a retried request makes one transfer.
        initial={{
          fromAccountId: accounts[0]!.id,
          recipient: accounts.length > 1 ? "own" : "other",
          toAccount: "",
          toNumber: "",
          amount: "",
          memo: "",
          idempotencyKey: randomUUID(),
        }}
      />
    </BankPage>
  );
}
