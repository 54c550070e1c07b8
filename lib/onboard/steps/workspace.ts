/**
 * Step 4: the agent workspace. Default ~/.openclaw/workspace (--workspace).
 * The first-run files are written by the apply phase and never overwrite an
 * existing file; BOOTSTRAP.md (the first-run ritual) only goes into a
 * workspace that was never seeded (lib/workspace/seed.ts). --skip-bootstrap writes none of them.
 */
import { sessionsDir, tildify } from "../../config/paths.ts";
import { resolveWorkspacePath } from "../../config/workspace-path.ts";
import { workspaceValidator } from "../../config/validators.ts";
import { SECRET_DIR_MODE } from "../../platform/files.ts";
import type { StepContext } from "../types.ts";
import type { PlanPart } from "../../plan/types.ts";
import { Q } from "../questions.ts";

export async function workspaceStep(ctx: StepContext): Promise<PlanPart> {
  const { host, prompter } = ctx;
  const current = ctx.base.agents?.defaults?.workspace;
  const initial = current ?? ctx.paths.defaultWorkspace;
  const raw = await prompter.text({
    ...Q.workspace,
    message: "Where should the agent's workspace live?",
    initialValue: tildify(initial, host.home),
    validate: workspaceValidator(host, ctx.paths),
    silent: ctx.flow === "quickstart" || (ctx.keepExisting && current !== undefined),
  });
  const workspace = resolveWorkspacePath(raw, host.home);

  return {
    // "~/ws" in the user's config and /home/me/ws are the same place: keep their spelling.
    configEdits: current !== undefined && resolveWorkspacePath(current, host.home) === workspace
      ? []
      : [{ path: ["agents", "defaults", "workspace"], value: workspace }],
    workspace: { path: workspace, seedFiles: !ctx.options.skipBootstrap },
    dirs: [{ path: sessionsDir(ctx.paths), mode: SECRET_DIR_MODE }],
    summary: { workspace },
  };
}
