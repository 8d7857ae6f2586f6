import { BankPage } from "@/components/bank-page";
import { BankLink } from "@/components/bank-link";
import { Memo } from "@/components/memo";
import { notFound } from "next/navigation";
import { getTransfer } from "@/lib/bank/transfers";
import { formatCents } from "@/lib/money";
import { requireSession } from "@/lib/session/guard";

export default async function TransferDonePage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession("high");
  const { id } = await params;
  const found = await getTransfer(session.userId, id);
  if (!found) notFound();
  const { transfer, from, to } = found;
  return (
    <BankPage session={session}>
      <h1>Transfer sent</h1>
      <p className="notice" role="status">
        {formatCents(transfer.amountCents)} sent to {to.name ? `${to.name} ` : ""}
        {to.number}.
      </p>
      <dl className="card facts">
        <dt>From</dt>
        <dd>
          {from.name} {from.number}
        </dd>
        <dt>To</dt>
        <dd>
          {to.name ? `${to.name} ` : "Customer account "}
          {to.number}
        </dd>
        <dt>Amount</dt>
        <dd data-testid="transfer-amount">{formatCents(transfer.amountCents)}</dd>
        <dt>Memo</dt>
        <dd>{transfer.memo ? <Memo text={transfer.memo} /> : "—"}</dd>
        <dt>New balance</dt>
        <dd data-testid="balance">{formatCents(from.balanceCents)}</dd>
        <dt>Reference</dt>
        <dd>{transfer.id}</dd>
      </dl>
      <p className="flex flex-wrap gap-3">
        <BankLink href="/transfers" className="btn">
          Make another transfer
        </BankLink>
        <BankLink href="/dashboard" className="btn btn-secondary">
          Back to accounts
        </BankLink>
      </p>
    </BankPage>
  );
}
