// Lab code that sits in a file the bank keeps is fenced by two marker lines, in whatever comment
// the file's language has:
//
//   // LAB ONLY: why (optional)         # LAB ONLY           <!-- LAB ONLY -->     {/* LAB ONLY */}
//   …                                   …                    …                     …
//   // END LAB ONLY                     # END LAB ONLY       <!-- END LAB ONLY --> {/* END LAB ONLY */}
//
// Both lines and everything between them go. A marker must stand alone on its line, and regions
// do not nest: anything else is a mistake reported with its file and line, never guessed at.
// A markdown table cannot hold a marker line, so a row of one ends in `<!-- LAB ONLY LINE -->`
// (inside its last cell, where it renders as nothing) and goes alone.

const OPENING = /^\s*(\/\/|#|<!--|\/\*|\{\/\*)\s*LAB ONLY\b/;
const CLOSING = /^\s*(\/\/|#|<!--|\/\*|\{\/\*)\s*END LAB ONLY\b/;
const ONE_LINE = /<!-- LAB ONLY LINE -->/;

export class StripError extends Error {}

export type RegionResult = { text: string; regions: number };

/** `text` without its LAB ONLY regions; throws StripError naming `file:line` on a broken fence. */
export function removeLabRegions(text: string, file: string): RegionResult {
  const kept: string[] = [];
  let openedAt: number | null = null;
  let regions = 0;
  text.split("\n").forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    if (CLOSING.test(line)) {
      if (openedAt === null) throw new StripError(`${where}: END LAB ONLY without a LAB ONLY before it`);
      openedAt = null;
      regions++;
    } else if (ONE_LINE.test(line)) {
      if (openedAt === null) regions++;
    } else if (OPENING.test(line)) {
      if (openedAt !== null) throw new StripError(`${where}: LAB ONLY inside the region opened at line ${openedAt}`);
      openedAt = index + 1;
    } else if (/LAB ONLY/.test(line) && openedAt === null) {
      throw new StripError(`${where}: a LAB ONLY marker must stand alone on its line`);
    } else if (openedAt === null) {
      kept.push(line);
    }
  });
  if (openedAt !== null) throw new StripError(`${file}:${openedAt}: LAB ONLY region never closed`);
  return { text: regions > 0 ? collapseBlankRuns(kept).join("\n") : text, regions };
}

// A region between two blank lines leaves two blank lines behind: keep one.
function collapseBlankRuns(lines: string[]): string[] {
  return lines.filter((line, index) => !(line.trim() === "" && index > 0 && lines[index - 1]!.trim() === ""));
}
