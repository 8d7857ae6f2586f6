// One database's in-process figures, in its own process (the app's clients bind to DATABASE_URL
// once): validateSessionToken as every request runs it, next-auth's decode of a session JWT for
// the same user, and Prisma's findUnique for the same row (what the lean lookup replaced).
// Prints one JSON line. Run by scripts/bench.ts with --conditions=react-server.
import { decode, encode } from "next-auth/jwt";
import { timeInTurns } from "./measure";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 3000);

async function main(): Promise<void> {
  const { db } = await import("../../lib/db");
  const { createSessionWithinCap } = await import("../../lib/session/store");
  const { generateSessionToken, hashToken } = await import("../../lib/session/tokens");
  const { validateSessionToken } = await import("../../lib/session/validate");
  const { sessionLookup } = await import("../../lib/session/session-lookup");

  const user = await db.user.findUniqueOrThrow({ where: { email: "alice@vaultline.test" } });
  const token = generateSessionToken();
  const tokenHash = hashToken(token);
  const request = { ip: "127.0.0.1", userAgent: "bench", requestId: null };
  await createSessionWithinCap({ userId: user.id, credentialGeneration: user.credentialGeneration, tokenHash, clientType: "web", request, now: new Date() });
  // Read-only, as a JWT check is: a real request also writes lastSeenAt, at most once a minute.
  const validate = () => validateSessionToken(token, "medium", { now: new Date(), background: true, request, client: "web" });
  if (!(await validate()).ok) throw new Error("the bench's own session did not validate");

  const secret = "bench-secret-of-at-least-32-characters";
  const jwt = await encode({ token: { sub: user.id, email: user.email, name: user.name }, secret });
  const decodeJwt = () => decode({ token: jwt, secret });
  if ((await decodeJwt())?.sub !== user.id) throw new Error("the bench's JWT did not decode");

  const prismaLookup = () => db.session.findUnique({ where: { tokenHash }, include: { user: { omit: { passwordHash: true } } } });

  // The two being compared take turns; Prisma's lookup, only context, is timed on its own after
  // them (its garbage would otherwise land on their clock).
  const figures = { ...(await timeInTurns({ validate, jwt: decodeJwt }, ITERATIONS)), ...(await timeInTurns({ prismaLookup }, ITERATIONS)) };
  await Promise.all([db.$disconnect(), sessionLookup().close()]);
  console.log(JSON.stringify(figures));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
