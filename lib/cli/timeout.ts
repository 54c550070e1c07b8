/** `--timeout <ms>` for commands that wait on the gateway. */
import { UsageError } from "../errors.ts";

export function parseTimeout(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > 600_000) {
    throw new UsageError(
      `--timeout: "${raw}" is not a duration. Give milliseconds from 1 to 600000, e.g. --timeout 5000.`,
      ["--timeout"],
    );
  }
  return n;
}
