// One process of the transfer race in transfers.test.ts, using the app's own database client on
// DATABASE_URL (one per process, as in `next start`). It connects and says "ready"; then each
// line on stdin is a batch of transfers, run all at once, answered by one line of outcomes.
import { createInterface } from "node:readline";
import { db } from "@/lib/db";
import { executeTransfer, type TransferInput, type TransferOutcome } from "./transfers";

function attempt(input: TransferInput): Promise<TransferOutcome> {
  return executeTransfer(input).catch((error: Error) => ({
    ok: false,
    reason: "refused",
    message: `failed: ${error.message}`,
    replayed: false,
  }));
}

async function main() {
  await db.$queryRawUnsafe("SELECT 1");
  console.log("ready");
  for await (const line of createInterface({ input: process.stdin })) {
    const batch = JSON.parse(line) as TransferInput[];
    console.log(JSON.stringify(await Promise.all(batch.map(attempt))));
  }
  await db.$disconnect();
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
