// The seeded demo accounts, offered on the sign-in page where they are there to be tried: a
// development server (`npm run dev`), and a lab (`npm run lab`). A production
// deployment lists none, whatever its database holds: a sign-in page that prints passwords
// invites anyone to try them, and a database seeded by mistake would let them in.
import "server-only";
import { serverEnv } from "@/lib/env";
// LAB ONLY
import { labMode } from "@/lib/lab/flaws";
// END LAB ONLY
import { DEMO_USERS } from "@/prisma/seed";
import type { DemoAccount } from "./demo-account-list";

export function demoAccountsToList(): DemoAccount[] {
  if (!listsDemoAccounts()) return [];
  return DEMO_USERS.map(({ email, password, name, role, accounts }) => ({
    email,
    password,
    name,
    summary: role === "admin" ? "admin" : `customer: ${accounts.map((a) => a.name).join(" + ")}`,
  }));
}

function listsDemoAccounts(): boolean {
  // LAB ONLY
  if (labMode()) return true;
  // END LAB ONLY
  return serverEnv().NODE_ENV === "development";
}
