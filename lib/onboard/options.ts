/**
 * `openclaw onboard` options: the raw commander values are checked by this
 * schema (enums, flag combinations) before any step runs. Values that are
 * also prompt answers (port, host, key, workspace) are checked by the very
 * validators the prompts use, through the flags prompter.
 */
import { z } from "zod";
import { UsageError } from "../errors.ts";
import { RESET_SCOPES } from "../config/reset.ts";
import { NODE_MANAGERS } from "../config/node-managers.ts";
import { AuthOptionsShape } from "../auth/options-schema.ts";
import { assertKnownAuthChoice } from "../auth/questions.ts";
import { declaredFlags, F, Q } from "./questions.ts";
import { attributeName, longFlag } from "../wizard/question.ts";
import { daemonRuntimeProblem } from "../daemon/command.ts";

/** Channel flags (--telegram-bot-token …), by commander attribute name: strings, or true for switches. */
export const ChannelFlagValuesSchema = z.record(z.string(), z.union([z.string(), z.boolean()]));

export const OnboardOptionsSchema = z.object({
  nonInteractive: z.boolean().default(false),
  acceptRisk: z.boolean().default(false),
  flow: z.enum(Q.flow.choices).optional(),
  reset: z.boolean().default(false),
  resetScope: z.enum(RESET_SCOPES).optional(),
  ...AuthOptionsShape,
  workspace: z.string().optional(),
  skipBootstrap: z.boolean().default(false),
  gatewayPort: z.string().optional(),
  gatewayBind: z.string().optional(),
  gatewayCustomBindHost: z.string().optional(),
  gatewayAuth: z.string().optional(),
  gatewayToken: z.string().optional(),
  gatewayPassword: z.string().optional(),
  tailscale: z.string().optional(),
  /** The public CLI's flag; what it asks for is what the gateway always does. */
  tailscaleResetOnExit: z.boolean().default(false),
  skipDaemon: z.boolean().default(false),
  installDaemon: z.boolean().optional(),
  daemonRuntime: z.string().optional(),
  skipHealth: z.boolean().default(false),
  /** --skip-ui: no Control UI hint (nor browser) at the end, as the public CLI's flag. */
  skipUi: z.boolean().default(false),
  /** --hello / --no-hello: the finish step's "say hello to your agent" (lib/onboard/steps/hello.ts). */
  hello: z.boolean().optional(),
  skipChannels: z.boolean().default(false),
  skipSkills: z.boolean().default(false),
  nodeManager: z.enum(NODE_MANAGERS).optional(),
  skillsInstall: z.string().optional(),
  json: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  mode: z.enum(F.mode.choices).optional(),
  remoteUrl: z.string().optional(),
  remoteToken: z.string().optional(),
  remotePassword: z.string().optional(),
  /** --channels a,b and every channel flag, gathered by the command (see lib/channels/flags.ts). */
  channels: z.string().optional(),
  channelFlags: ChannelFlagValuesSchema.default({}),
});

export type OnboardOptions = z.infer<typeof OnboardOptionsSchema>;

/** The flag of a commander attribute, from the declarations ("resetScope" → "--reset-scope"). */
function flagOf(key: string): string {
  const declared = declaredFlags().find((f) => f.flag && attributeName(f.option ?? f.flag) === key);
  return declared?.flag
    ? longFlag(declared.option ?? declared.flag)
    : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Parse commander's values; a bad enum becomes a UsageError naming the flag. */
export function parseOnboardOptions(raw: Record<string, unknown>): OnboardOptions {
  assertKnownAuthChoice(raw.authChoice);
  const r = OnboardOptionsSchema.safeParse(raw);
  if (r.success) {
    if (r.data.resetScope && !r.data.reset) r.data.reset = true;
    checkDaemonFlags(r.data);
    return r.data;
  }
  const issue = r.error.issues[0];
  const key = String(issue.path[0] ?? "");
  const flag = flagOf(key);
  const allowed = "values" in issue
    ? ` Use one of: ${(issue.values as unknown[]).join(", ")}.`
    : "";
  throw new UsageError(`${flag}: invalid value "${String(raw[key])}".${allowed}`, [flag]);
}

/** --install-daemon contradicts --skip-daemon; --daemon-runtime is checked by its one rule. */
function checkDaemonFlags(o: OnboardOptions): void {
  if (o.skipDaemon && o.installDaemon === true) {
    throw new UsageError(
      "--install-daemon and --skip-daemon contradict each other: pass one of them.",
      ["--install-daemon", "--skip-daemon"],
    );
  }
  const problem = o.daemonRuntime === undefined ? undefined : daemonRuntimeProblem(o.daemonRuntime);
  if (problem) throw new UsageError(problem, ["--daemon-runtime"]);
}
