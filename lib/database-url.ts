// Owns DATABASE_URL interpretation shared by the app, prisma.config.ts and the db scripts:
// which database kind a URL names, the SQLite file path, and pg connection fields.
// Imports nothing from the generated clients so the Prisma CLI config can load it.

import path from "node:path";
import type { ClientConfig } from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

export type DatabaseKind = "sqlite" | "postgres";

export const DEFAULT_DATABASE_URL = "file:./prisma/dev.db";

// LAB ONLY
/** `npm run lab`'s own database, apart from the development data. */
export const LAB_DATABASE_URL = "file:./prisma/lab.db";
// END LAB ONLY

/** Where the e2e servers and the bench keep their throwaway SQLite files. */
export const THROWAWAY_DATABASE_DIR = ".e2e";

/**
 * Whether an SQLite file is one Vaultline makes for itself in its own folder (development's,
 * the lab's, the tests' and the bench's throwaway ones), not one someone configured. These live
 * and go with the clone, wherever it sits.
 */
export function isOwnSqliteFile(file: string, projectRoot: string = process.cwd()): boolean {
  const relative = path.relative(projectRoot, path.resolve(projectRoot, file));
  const own = [
    DEFAULT_DATABASE_URL,
    // LAB ONLY
    LAB_DATABASE_URL,
    // END LAB ONLY
  ].map((url) => path.normalize(sqlitePath(url)));
  return own.includes(relative) || relative.startsWith(THROWAWAY_DATABASE_DIR + path.sep);
}

/** The configured database URL, falling back to the embedded SQLite file. */
export function resolveDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** A DATABASE_URL this app cannot use; scripts report its message without a stack. */
export class DatabaseUrlError extends Error {}

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return "postgres";
  throw new DatabaseUrlError(
    `DATABASE_URL must start with file:, postgres:// or postgresql:// (got "${redactUrl(url)}")`,
  );
}

/** File path of a `file:` URL, relative paths resolving against the current directory. */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

/** pg's connection settings, with the fields the scripts read always present. */
export type PgConnectionConfig = ClientConfig & { host: string; port: number; user: string; database: string };

/**
 * pg's own parsing of the URL (pg-connection-string, what `new pg.Client(url)` does), so every
 * setting it carries is kept: `sslmode`, `sslrootcert`, `application_name`, … A URL that asks for
 * TLS must never connect in plain text.
 *
 * Handed to pg as fields, never as `connectionString`: with a connection string pg lets the
 * string's database win over an explicit `database`, which made Prisma replay shadow migrations
 * on the main database. Callers override `database` by spreading (`{ ...config, database }`).
 */
export function pgConnectionConfig(url: string): PgConnectionConfig {
  const config = parseIntoClientConfig(url);
  return {
    ...config,
    host: config.host || "localhost",
    port: config.port || 5432,
    user: config.user || "postgres",
    password: config.password || undefined,
    database: config.database || "postgres",
  };
}

/** The same server URL pointing at another database (throwaway, maintenance). */
export function withPgDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function isLocalHost(host: string): boolean {
  return ["localhost", "127.0.0.1", "::1", "[::1]"].includes(host);
}

/** The URL without its password, safe for messages. */
export function redactUrl(url: string): string {
  if (url.startsWith("file:")) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Double-quotes a PostgreSQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
