// The bench's measuring tools: percentiles, a timed loop in one process, and an HTTP load
// generator (keep-alive connections, fixed concurrency) like autocannon's, without its binary.
import http from "node:http";

export type Percentiles = { p50: number; p99: number; count: number };

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), count: sorted.length };
}

const TURN = 250;

/**
 * Microseconds per call of each function, the functions taking turns of 250 calls, so that all
 * of them meet the same stretches of CPU frequency, neighbours and garbage collection and their
 * ratios are fair on a noisy machine; turns, not single calls, so each runs with warm caches as
 * a server repeating one kind of request does. A warm-up turn first lets the JIT settle.
 */
export async function timeInTurns<Name extends string>(fns: Record<Name, () => Promise<unknown>>, iterations: number): Promise<Record<Name, Percentiles>> {
  const names = Object.keys(fns) as Name[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;
  for (const name of names) for (let i = 0; i < TURN; i++) await fns[name]();
  for (let done = 0; done < iterations; done += TURN) {
    for (const name of names) {
      for (let i = 0; i < Math.min(TURN, iterations - done); i++) {
        const start = process.hrtime.bigint();
        await fns[name]();
        samples[name].push(Number(process.hrtime.bigint() - start) / 1000);
      }
    }
  }
  return Object.fromEntries(names.map((name) => [name, percentiles(samples[name])])) as Record<Name, Percentiles>;
}

export type LoadResult = Percentiles & { perSecond: number; statuses: Record<number, number> };

export type LoadOptions = {
  url: string;
  /** Headers per request, by request number: lets 100 sessions take turns. */
  headers?: (n: number) => Record<string, string>;
  connections: number;
  /** Stops after this many requests, after durationMs, or once stopWhen says so, whichever comes first. */
  requests?: number;
  durationMs?: number;
  stopWhen?: () => boolean;
  /** Each connection waits this long between its requests (a paced load, not a flood). */
  pauseMs?: number;
};

/** Latencies in milliseconds. Every request must answer; the statuses are counted. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const samples: number[] = [];
  const statuses: Record<number, number> = {};
  const started = Date.now();
  const until = started + (options.durationMs ?? Number.POSITIVE_INFINITY);
  const limit = options.requests ?? Number.POSITIVE_INFINITY;
  let issued = 0;
  async function connection() {
    while (issued < limit && Date.now() < until && !options.stopWhen?.()) {
      const n = issued++;
      const start = process.hrtime.bigint();
      const status = await get(options.url, options.headers?.(n) ?? {}, agent);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  }
  await Promise.all(Array.from({ length: options.connections }, connection));
  agent.destroy();
  return { ...percentiles(samples), perSecond: samples.length / ((Date.now() - started) / 1000), statuses };
}

function get(url: string, headers: Record<string, string>, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
  });
}

/** JSON over HTTP for the bench's own calls (sign-ins); the answer's status and body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const answer = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: answer.status, body: await answer.json().catch(() => null) };
}
