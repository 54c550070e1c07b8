/**
 * The reset command's flow: choose a scope, show exactly what would move,
 * confirm, move it to the trash and say where everything went.
 */
import { configuredWorkspace } from "../config/workspace-path.ts";
import type { Host } from "../host.ts";
import { type StatePaths, tildify } from "../config/paths.ts";
import type { Prompter } from "../wizard/prompter.ts";
import {
  DEFAULT_RESET_SCOPE,
  listResetTargets,
  performReset,
  RESET_SCOPE_LABELS,
  RESET_SCOPES,
  type ResetScope,
} from "../config/reset.ts";
import type { ConfigFile } from "../config/store.ts";
import { withLockedConfig } from "../plan/runner.ts";
import { CancelledError } from "../errors.ts";

export interface ResetRequest {
  host: Host;
  paths: StatePaths;
  prompter: Prompter;
  dryRun: boolean;
  json: boolean;
}

export function runReset(req: ResetRequest): Promise<number> {
  const { host, paths } = req;
  // The config is read (under the lock) only for the workspace a full reset includes: an
  // invalid one can still be reset.
  return withLockedConfig(
    { host, paths, command: "openclaw reset", dryRun: req.dryRun, config: "raw" },
    (loaded, lockPath) => resetLocked(req, loaded.file, lockPath),
  );
}

async function resetLocked(
  req: ResetRequest,
  file: ConfigFile,
  lockPath: string | undefined,
): Promise<number> {
  const { host, paths, prompter } = req;
  const scope = await prompter.select<ResetScope>({
    id: "reset.scope",
    flag: "--scope <config|config+creds+sessions|full>",
    message: "What should be moved to the trash?",
    options: RESET_SCOPES.map((s) => ({ value: s, ...RESET_SCOPE_LABELS[s] })),
    initialValue: DEFAULT_RESET_SCOPE,
    required: !prompter.interactive,
  });
  // Read under the lock: a run that finished meanwhile may have moved the workspace.
  const workspace = configuredWorkspace(file.data, host.home, paths);
  const targets = await listResetTargets(paths, scope, workspace, {
    keep: lockPath ? [lockPath] : [],
  });
  const listing = targets.map((t) => `  ${t.what}: ${tildify(t.path, host.home)}`).join("\n");
  if (targets.length === 0 || req.dryRun) {
    prompter.finish();
    return report(
      req,
      { scope, dryRun: req.dryRun, targets, moved: [] },
      () =>
        targets.length === 0
          ? "Nothing to reset: none of those files exist."
          : `Dry run: these would move to the trash (nothing was changed):\n${listing}`,
    );
  }
  if (prompter.interactive) await prompter.note(listing, "These will move to the trash");
  const sure = await prompter.confirm({
    id: "reset.confirm",
    flag: "--yes",
    message: `Move ${targets.length === 1 ? "it" : `these ${targets.length}`} to the trash?`,
    initialValue: false,
    required: !prompter.interactive,
  });
  prompter.finish();
  if (!sure) throw new CancelledError();
  const moved = await performReset(host, targets);
  return report(
    req,
    { scope, dryRun: false, targets, moved },
    () =>
      "Moved to the trash (restore from there if you change your mind):\n" +
      moved.map((m) => `  ${m.what}: ${tildify(m.from, host.home)} -> ${tildify(m.to, host.home)}`)
        .join("\n"),
  );
}

interface ResetOutcome {
  scope: ResetScope;
  dryRun: boolean;
  targets: { path: string; what: string }[];
  moved: { what: string; from: string; to: string }[];
}

async function report(
  req: ResetRequest,
  outcome: ResetOutcome,
  text: () => string,
): Promise<number> {
  if (req.json) {
    req.host.stdout(JSON.stringify({ ok: true, ...outcome }, null, 2) + "\n");
  } else if (req.prompter.interactive) {
    await req.prompter.outro(text());
  } else {
    req.host.stdout(text() + "\n");
  }
  return 0;
}
