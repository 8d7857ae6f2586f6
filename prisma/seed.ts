// Owns the demo data: four users (three customers, one admin), their accounts with a ledger
// history, and the default settings. Safe to re-run: users, accounts and settings are keyed on
// email / account number / key, and an account's history is only written while it has none.
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";

interface SeedEntry {
  daysAgo: number;
  amountCents: number;
  description: string;
  memo?: string;
}

interface SeedAccount {
  number: string;
  name: string;
  entries: SeedEntry[];
}

interface SeedUser {
  email: string;
  password: string;
  name: string;
  role: "customer" | "admin";
  accounts: SeedAccount[];
}

export const DEMO_USERS: SeedUser[] = [
  {
    email: "alice@vaultline.test",
    password: "alice-demo-pass-1",
    name: "Alice Archer",
    role: "customer",
    accounts: [
      {
        number: "VL-1001-0001",
        name: "Checking",
        entries: [
          { daysAgo: 40, amountCents: 250_000, description: "Opening deposit" },
          { daysAgo: 31, amountCents: 412_500, description: "Payroll: Archer & Finch Design", memo: "October salary" },
          {
            daysAgo: 30,
            amountCents: -145_000,
            description: "Rent: Maple Court Apartments",
            memo: "Flat 4B, November",
          },
          { daysAgo: 24, amountCents: -8_742, description: "Card payment: Greenleaf Grocers", memo: "Weekly shop" },
          { daysAgo: 17, amountCents: -6_420, description: "Direct debit: Northgrid Electric" },
          { daysAgo: 9, amountCents: -3_250, description: "Card payment: The Copper Kettle", memo: "Lunch with Bob" },
        ],
      },
      {
        number: "VL-1001-0002",
        name: "Savings",
        entries: [
          { daysAgo: 40, amountCents: 1_000_000, description: "Opening deposit" },
          { daysAgo: 1, amountCents: 1_250, description: "Interest paid", memo: "Monthly interest" },
        ],
      },
    ],
  },
  {
    email: "bob@vaultline.test",
    password: "bob-demo-pass-1",
    name: "Bob Baker",
    role: "customer",
    accounts: [
      {
        number: "VL-1002-0001",
        name: "Checking",
        entries: [
          { daysAgo: 35, amountCents: 180_000, description: "Opening deposit" },
          { daysAgo: 28, amountCents: 265_000, description: "Payroll: Baker Street Bakery", memo: "October wages" },
          { daysAgo: 14, amountCents: -4_500, description: "Direct debit: Ironworks Gym" },
          { daysAgo: 6, amountCents: -3_999, description: "Direct debit: Parcel Mobile", memo: "Phone bill" },
        ],
      },
    ],
  },
  {
    email: "mallory@vaultline.test",
    password: "mallory-demo-pass-1",
    name: "Mallory Moss",
    role: "customer",
    accounts: [
      {
        number: "VL-1003-0001",
        name: "Checking",
        entries: [
          { daysAgo: 20, amountCents: 2_500, description: "Opening deposit" },
          { daysAgo: 5, amountCents: -450, description: "Card payment: Corner Coffee" },
        ],
      },
    ],
  },
  {
    email: "admin@vaultline.test",
    password: "admin-demo-pass-1",
    name: "Ada Admin",
    role: "admin",
    accounts: [],
  },
];

export const DEFAULT_SETTINGS: Record<string, string> = {
  "admin.singleSession": "newest-wins",
};

const DAY_MS = 24 * 60 * 60 * 1000;

export type SeedOptions = {
  /** The demo users' bcrypt cost; the server's own (PASSWORD_HASH_COST) by default. */
  passwordHashCost?: number;
  now?: Date;
};

export async function seedDatabase(db: Db, { passwordHashCost, now = new Date() }: SeedOptions = {}): Promise<void> {
  for (const user of DEMO_USERS) {
    const userId = await ensureUser(db, user, passwordHashCost);
    for (const account of user.accounts) await ensureAccount(db, userId, account, now);
  }
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    await db.setting.upsert({ where: { key }, create: { key, value }, update: {} });
  }
}

// Looked up first because hashing at cost 12 takes ~225 ms: an existing user keeps its hash.
async function ensureUser(db: Db, user: SeedUser, passwordHashCost?: number): Promise<string> {
  const existing = await db.user.findUnique({ where: { email: user.email }, select: { id: true } });
  if (existing) return existing.id;
  const passwordHash = await hashPassword(user.password, passwordHashCost);
  const created = await db.user.create({
    data: { email: user.email, name: user.name, role: user.role, passwordHash },
    select: { id: true },
  });
  return created.id;
}

async function ensureAccount(db: Db, userId: string, account: SeedAccount, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const { id, _count } = await tx.account.upsert({
      where: { number: account.number },
      create: { number: account.number, name: account.name, userId },
      update: {},
      select: { id: true, _count: { select: { entries: true } } },
    });
    // The history is written once; later entries (transfers made in the app) are left alone.
    if (_count.entries > 0) return;
    let balanceCents = 0;
    for (const entry of account.entries) {
      balanceCents += entry.amountCents;
      await tx.ledgerEntry.create({
        data: {
          accountId: id,
          amountCents: entry.amountCents,
          balanceAfterCents: balanceCents,
          description: entry.description,
          memo: entry.memo ?? null,
          createdAt: new Date(now.getTime() - entry.daysAgo * DAY_MS),
        },
      });
    }
    await tx.account.update({ where: { id }, data: { balanceCents } });
  });
}
