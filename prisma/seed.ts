// Owns the demo data: four users (three customers, one admin), their accounts with a ledger
// history, and the default settings. Dated as a real bank's would be: customers since months
// ago, each account opened then, each entry at its own plausible time of day (UTC). Safe to
// re-run: users, accounts and settings are keyed on email / account number / key, and an
// account's history is only written while it has none.
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";

interface SeedEntry {
  daysAgo: number;
  /** Time of day, "HH:MM" (UTC): payroll early, card payments in shop hours. */
  at: string;
  amountCents: number;
  description: string;
  memo?: string;
}

interface SeedAccount {
  number: string;
  name: string;
  entries: SeedEntry[];
}

export interface SeedUser {
  email: string;
  password: string;
  name: string;
  role: "customer" | "admin";
  /** When the user (and each account's opening deposit) arrived. */
  customerSinceDaysAgo: number;
  accounts: SeedAccount[];
}

export const DEMO_USERS: SeedUser[] = [
  {
    email: "alice@vaultline.test",
    password: "alice-demo-pass-1",
    name: "Alice Archer",
    role: "customer",
    customerSinceDaysAgo: 412,
    accounts: [
      {
        number: "VL-1001-0001",
        name: "Checking",
        entries: [
          { daysAgo: 412, at: "10:42", amountCents: 250_000, description: "Opening deposit" },
          {
            daysAgo: 31,
            at: "06:05",
            amountCents: 412_500,
            description: "Payroll: Archer & Finch Design",
            memo: "October salary",
          },
          {
            daysAgo: 30,
            at: "07:30",
            amountCents: -145_000,
            description: "Rent: Maple Court Apartments",
            memo: "Flat 4B, November",
          },
          {
            daysAgo: 24,
            at: "17:48",
            amountCents: -8_742,
            description: "Card payment: Greenleaf Grocers",
            memo: "Weekly shop",
          },
          { daysAgo: 17, at: "04:12", amountCents: -6_420, description: "Direct debit: Northgrid Electric" },
          {
            daysAgo: 9,
            at: "12:57",
            amountCents: -3_250,
            description: "Card payment: The Copper Kettle",
            memo: "Lunch with Bob",
          },
        ],
      },
      {
        number: "VL-1001-0002",
        name: "Savings",
        entries: [
          { daysAgo: 412, at: "10:49", amountCents: 1_000_000, description: "Opening deposit" },
          { daysAgo: 1, at: "00:15", amountCents: 1_250, description: "Interest paid", memo: "Monthly interest" },
        ],
      },
    ],
  },
  {
    email: "bob@vaultline.test",
    password: "bob-demo-pass-1",
    name: "Bob Baker",
    role: "customer",
    customerSinceDaysAgo: 236,
    accounts: [
      {
        number: "VL-1002-0001",
        name: "Checking",
        entries: [
          { daysAgo: 236, at: "15:20", amountCents: 180_000, description: "Opening deposit" },
          {
            daysAgo: 28,
            at: "06:02",
            amountCents: 265_000,
            description: "Payroll: Baker Street Bakery",
            memo: "October wages",
          },
          { daysAgo: 14, at: "03:40", amountCents: -4_500, description: "Direct debit: Ironworks Gym" },
          {
            daysAgo: 6,
            at: "05:18",
            amountCents: -3_999,
            description: "Direct debit: Parcel Mobile",
            memo: "Phone bill",
          },
        ],
      },
    ],
  },
  {
    email: "mallory@vaultline.test",
    password: "mallory-demo-pass-1",
    name: "Mallory Moss",
    role: "customer",
    customerSinceDaysAgo: 97,
    accounts: [
      {
        number: "VL-1003-0001",
        name: "Checking",
        entries: [
          { daysAgo: 97, at: "21:33", amountCents: 2_500, description: "Opening deposit" },
          { daysAgo: 5, at: "08:26", amountCents: -450, description: "Card payment: Corner Coffee" },
        ],
      },
    ],
  },
  {
    email: "admin@vaultline.test",
    password: "admin-demo-pass-1",
    name: "Ada Admin",
    role: "admin",
    customerSinceDaysAgo: 640,
    accounts: [],
  },
];

/** A demo account by its email; throws for any other, so a renamed account fails loudly. */
export function demoUser(email: string): SeedUser {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`${email} is not a demo account (prisma/seed.ts)`);
  return user;
}

export const DEFAULT_SETTINGS: Record<string, string> = {
  "admin.singleSession": "newest-wins",
};

const DAY_MS = 24 * 60 * 60 * 1000;

export type SeedOptions = {
  /** The demo users' bcrypt cost; the server's own (PASSWORD_HASH_COST) by default. */
  passwordHashCost?: number;
  now?: Date;
};

/** `daysAgo` days before `now`, at the time of day `at` ("HH:MM", UTC). */
export function seedTime(now: Date, daysAgo: number, at: string): Date {
  const [hours, minutes] = at.split(":").map(Number);
  const day = new Date(now.getTime() - daysAgo * DAY_MS);
  day.setUTCHours(hours!, minutes!, 0, 0);
  return day;
}

export async function seedDatabase(db: Db, { passwordHashCost, now = new Date() }: SeedOptions = {}): Promise<void> {
  for (const user of DEMO_USERS) {
    const userId = await ensureUser(db, user, now, passwordHashCost);
    for (const account of user.accounts) await ensureAccount(db, userId, account, now);
  }
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    await db.setting.upsert({ where: { key }, create: { key, value }, update: {} });
  }
}

// Looked up first because hashing at cost 12 takes ~225 ms: an existing user keeps its hash.
async function ensureUser(db: Db, user: SeedUser, now: Date, passwordHashCost?: number): Promise<string> {
  const existing = await db.user.findUnique({ where: { email: user.email }, select: { id: true } });
  if (existing) return existing.id;
  const passwordHash = await hashPassword(user.password, passwordHashCost);
  const createdAt = seedTime(now, user.customerSinceDaysAgo, "10:30");
  const created = await db.user.create({
    data: { email: user.email, name: user.name, role: user.role, passwordHash, createdAt },
    select: { id: true },
  });
  return created.id;
}

/** An account opened with its first entry (the opening deposit), or now. */
function openedAt(account: SeedAccount, now: Date): Date {
  const first = account.entries[0];
  return first ? seedTime(now, first.daysAgo, first.at) : now;
}

async function ensureAccount(db: Db, userId: string, account: SeedAccount, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const { id, _count } = await tx.account.upsert({
      where: { number: account.number },
      create: { number: account.number, name: account.name, userId, createdAt: openedAt(account, now) },
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
          createdAt: seedTime(now, entry.daysAgo, entry.at),
        },
      });
    }
    await tx.account.update({ where: { id }, data: { balanceCents } });
  });
}
