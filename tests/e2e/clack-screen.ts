/**
 * Reading clack's screen in a tmux terminal and answering its prompts the
 * way a user does: find the active (◆) question, see its options and which
 * one the cursor is on, move with the arrow keys, press Enter. Shared by the
 * terminal tests of the wizard.
 */
import assert from "node:assert/strict";
import type { TmuxTerminal } from "./tmux.ts";

/** The lines of the active (◆) question `message`: its options or input, up to the closing └. */
export function activeBlock(screen: string, message: string): string[] | undefined {
  const lines = screen.split("\n");
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].startsWith(`◆  ${message}`)) {
      start = i;
      break;
    }
  }
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && l.startsWith("└"));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The select options of an active question; `focused` is the one under the cursor. */
export function selectOptions(block: string[]): { labels: string[]; focused: number } {
  const labels: string[] = [];
  let focused = -1;
  for (const line of block) {
    const m = /^│ {2}([●○]) (.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === "●") focused = labels.length;
    labels.push(m[2]);
  }
  return { labels, focused };
}

export const isLabel = (shown: string, label: string) =>
  shown === label || shown.startsWith(`${label} (`);

/**
 * Press `keys` until `expected` holds. A key sent in the instant the program
 * switches the terminal to raw mode can be dropped by the tty (it flushes
 * pending input), which no user could hit by hand; re-sending after a pause
 * keeps the tests about the wizard, not about that race.
 */
export async function pressUntil(
  term: TmuxTerminal,
  keys: () => Promise<string[]>,
  expected: (screen: string) => boolean,
): Promise<string> {
  return await actUntil(term, async () => {
    const toPress = await keys();
    if (toPress.length > 0) await term.press(...toPress);
  }, expected);
}

/** Do `act` (type or press) until `expected` holds; see pressUntil for why it may repeat. */
export async function actUntil(
  term: TmuxTerminal,
  act: () => Promise<void>,
  expected: (screen: string) => boolean,
): Promise<string> {
  for (let attempt = 1;; attempt++) {
    await act();
    try {
      return await term.waitFor(expected, { timeout: attempt < 5 ? 1500 : 10_000 });
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}

/** Wait for the select `message`, move the cursor to `label` with the arrow keys, press Enter. */
export async function choose(
  term: TmuxTerminal,
  message: string,
  label: string,
): Promise<string[]> {
  const screen = await term.waitFor((s) => activeBlock(s, message) !== undefined);
  const { labels } = selectOptions(activeBlock(screen, message)!);
  assert.ok(
    labels.some((l) => isLabel(l, label)),
    `"${label}" is not an option of "${message}":\n${screen}`,
  );
  // The arrows still needed, from what the screen shows now.
  const moves = async () => {
    const { labels, focused } = selectOptions(activeBlock(await term.screen(), message) ?? []);
    const steps = labels.findIndex((l) => isLabel(l, label)) - focused;
    return Array(Math.abs(steps)).fill(steps > 0 ? "Down" : "Up");
  };
  await pressUntil(term, moves, (s) => {
    const block = activeBlock(s, message);
    if (!block) return false;
    const now = selectOptions(block);
    return isLabel(now.labels[now.focused] ?? "", label);
  });
  await term.press("Enter");
  return labels;
}

/**
 * The screen's text with clack's box borders removed and wrapped lines joined
 * by a space, so an assertion on a long line (a command holding a path) does
 * not depend on the terminal's width or the path's length.
 */
export function unwrapped(screen: string): string {
  return screen
    .split("\n")
    .map((l) => l.replace(/^[│├╮╯◇◆●○]\s*/, "").replace(/\s*[│╮╯]\s*$/, "").trim())
    .filter((l) => l !== "")
    .join(" ")
    .replace(/\s+/g, " ");
}
