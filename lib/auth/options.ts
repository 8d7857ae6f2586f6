// next-auth configuration. next-auth handles the sign-in form's POST (its CSRF token check and
// the Credentials provider); the session itself belongs to lib/session. next-auth's Credentials
// provider cannot create database sessions, so the signIn callback below starts one in our
// store and answers with a redirect, which stops next-auth before it would write its own JWT.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { failedForOutage } from "@/lib/db-health";
import { appOrigin, serverEnv } from "@/lib/env";
import { requestLog } from "@/lib/log";
import { startWebSession } from "@/lib/session/lifecycle";
import { verifyCredentials, type VerifiedUser } from "./credentials";
import { safeNextPath } from "./safe-next-path";
// LAB ONLY
import { reportRedirect } from "@/lib/lab/outcomes";
// END LAB ONLY
import { SIGN_IN_FAILED_ERROR_CODE, THROTTLED_ERROR_CODE, UNAVAILABLE_ERROR_CODE } from "./sign-in-errors";

export const authOptions: NextAuthOptions = {
  secret: serverEnv().NEXTAUTH_SECRET,
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        const result = await onlyOurErrorCodes(() => verifyCredentials(credentials));
        if (result.ok) return result.user;
        // next-auth turns a thrown message into the sign-in page's `?error=`, which it maps to
        // the throttle text; every other failure stays the one generic answer.
        if (result.reason === "throttled") throw new Error(THROTTLED_ERROR_CODE);
        return null;
      },
    }),
  ],
  callbacks: {
    // Where next-auth sends the browser after its routes: its callbackUrl comes from the form or
    // from its own cookie, so anyone can write it. Its default throws on anything but an absolute
    // URL or a path ("foo" was a 500); ours is the same-origin rule the sign-in form follows.
    redirect({ url, baseUrl }) {
      return new URL(safeNextPath(url, baseUrl), baseUrl).toString();
    },
    async signIn({ user, credentials }) {
      // `user` is what authorize() returned: a VerifiedUser, email and credential generation included.
      const { credentialGeneration } = user as typeof user & Pick<VerifiedUser, "credentialGeneration">;
      await onlyOurErrorCodes(() => startWebSession({ id: user.id, email: user.email ?? "", credentialGeneration }));
      // The form's `next`, which anyone can write into a link: only a path on this origin.
      // LAB ONLY
      const home = new URL(appOrigin()).origin;
      await reportRedirect(() => new URL(safeNextPath(credentials?.callbackUrl), home).origin !== home);
      // END LAB ONLY
      return new URL(safeNextPath(credentials?.callbackUrl), appOrigin()).toString();
    },
  },
};

/**
 * next-auth answers a thrown error with a redirect that carries the error's message in its URL,
 * and a driver's message is no business of the browser's. Only our codes go there: the outage's
 * (the sign-in form says the bank is unavailable; nobody was let in) or the generic failure.
 */
async function onlyOurErrorCodes<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (await failedForOutage(error)) throw new Error(UNAVAILABLE_ERROR_CODE);
    (await requestLog()).error({ failure: error instanceof Error ? error.name : typeof error }, "sign-in failed");
    throw new Error(SIGN_IN_FAILED_ERROR_CODE);
  }
}
