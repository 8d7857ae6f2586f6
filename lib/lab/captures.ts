// What the lab's attacker site (scripts/attacker-site.ts) records and the lab console's inbox
// shows: one capture per request that brought the attacker something. Shared by both servers and
// the console's page, so nothing here may weigh on a browser (the schema is in inbox.ts).

export const CAPTURE_KINDS = {
  stolen: "Stolen data",
  forged: "Forged request sent",
  referer: "Referer leaked",
} as const;

export type Capture = {
  id: number;
  /** When it arrived (ISO 8601). */
  at: string;
  kind: keyof typeof CAPTURE_KINDS;
  /** The attacker site's path it arrived at, e.g. /steal. */
  path: string;
  /** The query parameters or form fields it carried, e.g. { c: "vaultline.session=…" }. */
  data: Record<string, string>;
  /** The page the victim's browser came from, as its Referer header said. */
  referer: string | null;
};
