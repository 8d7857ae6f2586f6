// A Markdown table cannot hold a marker in a column, so the lab's columns are named here: in
// every table whose header has one of them (docs/threat-model.md's "Lab flaw and attack"), that
// column goes from every row. The rows' other cells stay as they were written.
import { LAB_COLUMNS } from "./plan";

/** `text` without the lab's table columns; `columns` is how many rows lost one. */
export function dropLabColumns(text: string): { text: string; rows: number } {
  const lines = text.split("\n");
  let rows = 0;
  let dropped: number | null = null; // the column index, inside a table that has one
  for (const [index, line] of lines.entries()) {
    if (!line.startsWith("|")) {
      dropped = null;
      continue;
    }
    const cells = splitRow(line);
    if (dropped === null && (index === 0 || !lines[index - 1]!.startsWith("|"))) {
      const found = cells.findIndex((cell) => LAB_COLUMNS.includes(cell.trim()));
      dropped = found < 0 ? null : found;
    }
    if (dropped === null || dropped >= cells.length) continue;
    cells.splice(dropped, 1);
    lines[index] = `|${cells.join("|")}|`;
    rows++;
  }
  return { text: lines.join("\n"), rows };
}

// The cells between a row's outer pipes; a pipe inside a code span or escaped is the cell's own.
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let inCode = false;
  for (let i = 1; i < line.length; i++) {
    const char = line[i]!;
    if (char === "\\" && line[i + 1] === "|") {
      cell += "\\|";
      i++;
    } else if (char === "`") {
      inCode = !inCode;
      cell += char;
    } else if (char === "|" && !inCode) {
      cells.push(cell);
      cell = "";
    } else {
      cell += char;
    }
  }
  return cells; // what follows the last pipe is not a cell
}
