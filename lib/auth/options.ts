// next-auth configuration. next-auth handles the sign-in form's POST (its CSRF token check and
// the Credentials provider); the session itself belongs to lib/session. next-auth's Credentials
// provider cannot create database sessions, so the signIn callback below starts one in our
// store and answers with a redirect, which stops next-auth before it would write its own JWT.
import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { appOrigin } from "@/lib/env";
import { startWebSession } from "@/lib/session/lifecycle";
import { verifyCredentials } from "./credentials";
import { safeNextPath } from "./safe-next-path";
import { THROTTLED_ERROR_CODE } from "./sign-in-errors";

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        const result = await verifyCredentials(credentials);
        if (result.ok) return result.user;
        // next-auth turns a thrown message into the sign-in page's `?error=`, which it maps to
        // the throttle text; every other failure stays the one generic answer.
        if (result.reason === "throttled") throw new Error(THROTTLED_ERROR_CODE);
        return null;
      },
    }),
  ],
  callbacks: {
    async signIn({ user, credentials }) {
      await startWebSession(user.id);
      // The form's `next`, which anyone can write into a link: only a path on this origin.
      return new URL(safeNextPath(credentials?.callbackUrl), appOrigin()).toString();
    },
  },
};
