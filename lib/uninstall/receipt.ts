/**
 * The install receipt install.sh writes next to the binary
 * (openclaw-install.json): what it installed and which profile lines it
 * added, so uninstall removes exactly those and nothing else.
 */
import { z } from "zod";
import { ActionableError } from "../errors.ts";
import type { Host } from "../host.ts";
import { dirname } from "../config/paths.ts";
import { readTextIfExists } from "../platform/files.ts";

export const RECEIPT_NAME = "openclaw-install.json";

const absolutePath = z.string().startsWith("/");

export const ReceiptSchema = z.object({
  /**
   * "installing": written before the files (listing what may be written), so
   * a run cut short can still be uninstalled; "installed" once done. Absent
   * in receipts of older installers.
   */
  state: z.enum(["installing", "installed"]).optional(),
  version: z.string(),
  target: z.string(),
  installDir: absolutePath,
  binary: absolutePath,
  envScripts: z.array(absolutePath),
  profileLines: z.array(z.object({
    file: absolutePath,
    line: z.string().min(1),
    created: z.boolean().optional(),
  })),
  source: z.string().optional(),
  installedAt: z.string().optional(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export interface FoundReceipt {
  path: string;
  receipt: Receipt;
}

/**
 * Where a receipt may be, most specific first: OPENCLAW_INSTALL_DIR, the
 * folder of the running binary (a compiled openclaw), the default
 * ~/.openclaw/bin.
 */
export function receiptCandidates(host: Host, selfBinary?: string): string[] {
  const dirs: string[] = [];
  const fromEnv = host.env("OPENCLAW_INSTALL_DIR");
  if (fromEnv?.startsWith("/")) dirs.push(fromEnv.replace(/(.)\/+$/, "$1"));
  if (selfBinary) dirs.push(dirname(selfBinary));
  dirs.push(`${host.home}/.openclaw/bin`);
  return [...new Set(dirs)].map((d) => `${d}/${RECEIPT_NAME}`);
}

export async function findReceipt(
  host: Host,
  selfBinary?: string,
): Promise<FoundReceipt | undefined> {
  for (const path of receiptCandidates(host, selfBinary)) {
    const text = await readTextIfExists(path);
    if (text === undefined) continue;
    return { path, receipt: parseReceipt(text, path) };
  }
  return undefined;
}

export function parseReceipt(text: string, path: string): Receipt {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ActionableError(
      `The install receipt ${path} is not valid JSON, so uninstall cannot tell what was ` +
        `installed. Re-run install.sh (it rewrites the receipt), then uninstall again.`,
    );
  }
  const parsed = ReceiptSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ActionableError(
      `The install receipt ${path} is damaged (${issue.path.join(".") || "root"}: ` +
        `${issue.message}). Re-run install.sh (it rewrites the receipt), then uninstall again.`,
    );
  }
  return parsed.data;
}
