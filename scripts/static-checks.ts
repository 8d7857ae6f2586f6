// `npm test`'s first step: type-check, lint and formatting side by side (each mostly waits on
// one core, and the three took 32 s one after another here). Each one's output is printed
// whole, in order, once all have finished; any failure fails the step.
import { spawn } from "node:child_process";

const CHECKS = ["typecheck", "lint", "format:check"];

function npmRun(script: string): Promise<{ script: string; status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("close", (status) => resolve({ script, status: status ?? 1, output }));
  });
}

void Promise.all(CHECKS.map(npmRun)).then((results) => {
  for (const { script, status, output } of results) {
    console.log(`${status === 0 ? "✓" : "✗"} npm run ${script}`);
    if (output.trim()) console.log(output.trimEnd());
  }
  process.exit(results.every((r) => r.status === 0) ? 0 : 1);
});
