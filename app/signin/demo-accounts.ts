// The seeded demo accounts, offered on the sign-in page where they are there to be tried: a
// development server (`npm run dev`) and a lab (`npm run lab`, LAB_ALLOW=1). A production
// deployment lists none, whatever its database holds: a sign-in page that prints passwords
// invites anyone to try them, and a database seeded by mistake would let them in.
import "server-only";
import { serverEnv } from "@/lib/env";
import { labMode } from "@/lib/lab/flaws";
import { DEMO_USERS } from "@/prisma/seed";
import type { DemoAccount } from "./demo-account-list";

export function demoAccountsToList(): DemoAccount[] {
  if (serverEnv().NODE_ENV !== "development" && !labMode()) return [];
  return DEMO_USERS.map(({ email, password, name, role, accounts }) => ({
    email,
    password,
    name,
    summary: role === "admin" ? "admin" : `customer: ${accounts.map((a) => a.name).join(" + ")}`,
  }));
}
