// next-auth configuration. next-auth handles the sign-in form's POST (its CSRF token check and
// the Credentials provider); the session itself belongs to lib/session. next-auth's Credentials
// provider cannot create database sessions, so the signIn callback below starts one in our
// store and answers with a redirect, which stops next-auth before it would write its own JWT.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { appOrigin } from "@/lib/env";
import { startWebSession } from "@/lib/session/lifecycle";
import { verifyCredentials } from "./credentials";

/** Only a same-site path may follow sign-in: an open redirect would help phishing. */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return "/dashboard";
  }
  return value;
}

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
      authorize: (credentials) => verifyCredentials(credentials),
    }),
  ],
  callbacks: {
    async signIn({ user, credentials }) {
      await startWebSession(user.id);
      return new URL(safeNextPath(credentials?.callbackUrl), appOrigin()).toString();
    },
  },
};
