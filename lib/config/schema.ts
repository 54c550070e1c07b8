/**
 * The shape of openclaw.json. The same schemas validate the config loader,
 * the wizard's prompts (through lib/config/validators.ts) and, later, the
 * gateway's RPC answers — one rule, one message, everywhere.
 *
 * Every object is loose: a key this program does not know (one the public
 * OpenClaw CLI, a newer version or the user wrote) is kept through parsing,
 * never an error; doctor lists them as warnings (unknown-keys.ts walks these
 * shapes to find them). A known key with a wrong value is still an error.
 */
import { z } from "zod";
import { ChannelsConfigSchema } from "../channels/schemas.ts";
import { NODE_MANAGERS } from "./node-managers.ts";
import { BIND_MODES, GATEWAY_AUTH_MODES, TAILSCALE_MODES } from "./gateway-modes.ts";

export { BIND_MODES, GATEWAY_AUTH_MODES, NODE_MANAGERS, TAILSCALE_MODES };

export const DEFAULT_GATEWAY_PORT = 18789;

export const PORT_MESSAGE = "A port is a whole number from 1 to 65535.";
export const PortSchema = z.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(1, PORT_MESSAGE)
  .max(65535, PORT_MESSAGE);

export const BindModeSchema = z.enum(BIND_MODES, {
  error: `bind is one of: ${BIND_MODES.join(", ")}.`,
});
export type BindMode = z.infer<typeof BindModeSchema>;

export const GatewayAuthModeSchema = z.enum(GATEWAY_AUTH_MODES, {
  error: `auth mode is one of: ${GATEWAY_AUTH_MODES.join(", ")}.`,
});
export type GatewayAuthMode = z.infer<typeof GatewayAuthModeSchema>;

export const TailscaleModeSchema = z.enum(TAILSCALE_MODES, {
  error: `tailscale mode is one of: ${TAILSCALE_MODES.join(", ")}.`,
});
export type TailscaleMode = z.infer<typeof TailscaleModeSchema>;

/** A host name or IP literal for `bind: custom`. */
export const HostSchema = z.string().trim().min(1, "Enter a host name or IP address.").regex(
  /^(\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)$/,
  "A host is a name like gw.example.lan or an IP address like 192.168.1.10.",
);

/** A gateway secret: long enough to resist guessing, no whitespace. */
/**
 * The longest gateway token or password: what a client may send in `connect`
 * (lib/gateway/protocol.ts uses this very schema), so a longer one could be
 * saved but never used.
 */
export const MAX_GATEWAY_SECRET_CHARS = 4096;
export const GatewaySecretLengthSchema = z.string().max(
  MAX_GATEWAY_SECRET_CHARS,
  `A gateway secret has at most ${MAX_GATEWAY_SECRET_CHARS} characters (clients cannot send more).`,
);

export const GatewaySecretSchema = GatewaySecretLengthSchema.min(8, "Use at least 8 characters.")
  .regex(
    /^\S+$/,
    "No spaces or line breaks.",
  );

export const GatewayAuthSchema = z.looseObject({
  mode: GatewayAuthModeSchema.optional(),
  token: GatewaySecretLengthSchema.optional(),
  password: GatewaySecretLengthSchema.optional(),
});

export const GatewayRemoteSchema = z.looseObject({
  url: z.string().regex(/^wss?:\/\/\S+$/, "The remote URL starts with ws:// or wss://.")
    .optional(),
  token: GatewaySecretLengthSchema.optional(),
  password: GatewaySecretLengthSchema.optional(),
});

/** The security rules of the gateway step, shared by prompts and config. */
export interface GatewaySecurityInput {
  bind?: BindMode;
  customBindHost?: string;
  authMode?: GatewayAuthMode;
  tailscale?: TailscaleMode;
}

export interface RuleViolation {
  path: string[];
  message: string;
}

export function gatewaySecurityProblems(g: GatewaySecurityInput): RuleViolation[] {
  const problems: RuleViolation[] = [];
  const bind = g.bind ?? "loopback";
  if (bind !== "loopback" && g.authMode === "none") {
    problems.push({
      path: ["auth", "mode"],
      message:
        `A ${bind} bind is reachable from other machines, so it needs auth: use token or password.`,
    });
  }
  if (bind === "custom" && !g.customBindHost) {
    problems.push({
      path: ["customBindHost"],
      message: "bind is custom, so customBindHost must name the address to listen on.",
    });
  }
  if (g.tailscale === "funnel" && g.authMode !== "password") {
    problems.push({
      path: ["auth", "mode"],
      message: "Tailscale funnel exposes the gateway to the internet: it requires password auth.",
    });
  }
  if (g.tailscale && g.tailscale !== "off" && g.authMode === "none") {
    problems.push({
      path: ["auth", "mode"],
      message: "Tailscale exposure needs auth: use token or password.",
    });
  }
  return problems;
}

export const GatewaySchema = z.looseObject({
  mode: z.enum(["local", "remote"]).optional(),
  port: PortSchema.optional(),
  bind: BindModeSchema.optional(),
  customBindHost: HostSchema.optional(),
  auth: GatewayAuthSchema.optional(),
  tailscale: z.looseObject({ mode: TailscaleModeSchema.optional() }).optional(),
  remote: GatewayRemoteSchema.optional(),
}).superRefine((g, ctx) => {
  for (
    const p of gatewaySecurityProblems({
      bind: g.bind,
      customBindHost: g.customBindHost,
      authMode: g.auth?.mode,
      tailscale: g.tailscale?.mode,
    })
  ) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
  if (g.auth?.mode === "token" && !g.auth.token) {
    ctx.addIssue({
      code: "custom",
      path: ["auth", "token"],
      message: "auth mode is token but no token is set.",
    });
  }
  if (g.auth?.mode === "password" && !g.auth.password) {
    ctx.addIssue({
      code: "custom",
      path: ["auth", "password"],
      message: "auth mode is password but no password is set.",
    });
  }
});

/** `provider/model`, e.g. anthropic/claude-opus-4-5. */
export const ModelRefSchema = z.string().regex(
  /^[A-Za-z0-9][\w.-]*\/\S+$/,
  "A model is written provider/model, e.g. anthropic/claude-sonnet-4-5.",
);

export const AgentModelSchema = z.union([
  ModelRefSchema,
  z.looseObject({ primary: ModelRefSchema, fallbacks: z.array(ModelRefSchema).optional() }),
]);

export const AgentIdSchema = z.string().regex(
  /^[a-z0-9][a-z0-9_-]{0,63}$/,
  "An agent id is lower-case letters, digits, '-' and '_'.",
);

/** Which channel (and optionally which sender on it) an agent answers; see lib/agent/routing.ts. */
export const AgentBindingSchema = z.looseObject({
  channel: z.string().min(1, "A binding names a channel, e.g. telegram."),
  peerId: z.string().min(1).optional(),
});

export const AgentEntrySchema = z.looseObject({
  id: AgentIdSchema,
  name: z.string().optional(),
  workspace: z.string().optional(),
  agentDir: z.string().optional(),
  model: AgentModelSchema.optional(),
  default: z.boolean().optional(),
  bindings: z.array(AgentBindingSchema).optional(),
});

/**
 * An agent of `agents.entries` (the public CLI's shape): keyed by its id, so
 * the entry itself has none (an `id` there, if any, must agree with the key).
 */
export const KeyedAgentEntrySchema = AgentEntrySchema.extend({ id: AgentIdSchema.optional() });

/** `agents.defaults.models`: per model ref, an alias and provider parameters. */
export const ModelSettingsSchema = z.looseObject({
  alias: z.string().optional(),
  params: z.looseObject({}).optional(),
});

export const AgentsSchema = z.looseObject({
  defaults: z.looseObject({
    workspace: z.string().min(1).optional(),
    model: AgentModelSchema.optional(),
    models: z.record(z.string(), ModelSettingsSchema).optional(),
    /** A model turn still running after this long is stopped (lib/agent/turn.ts; default 600). */
    timeoutSeconds: z.number().positive().optional(),
  }).optional(),
  /** The seed's shape, written for a new file (lib/config/agent-entries.ts reads both). */
  list: z.array(AgentEntrySchema).optional(),
  /** The public CLI's shape: agents keyed by id. */
  entries: z.record(AgentIdSchema, KeyedAgentEntrySchema).optional(),
}).superRefine((a, ctx) => {
  for (const [key, entry] of Object.entries(a.entries ?? {})) {
    if (entry.id !== undefined && entry.id !== key) {
      ctx.addIssue({
        code: "custom",
        path: ["entries", key, "id"],
        message: `The entry is keyed "${key}" but its id is "${entry.id}"; they must agree.`,
      });
    }
  }
});

export const ModelProviderSchema = z.looseObject({
  baseUrl: z.string().url("baseUrl must be a URL like https://api.example.com/v1."),
  api: z.string().optional(),
  apiKey: z.string().optional(),
  models: z.array(z.looseObject({
    id: z.string(),
    name: z.string().optional(),
    /** Read by lib/agent/model.ts: how much history fits. */
    contextWindow: z.number().optional(),
  })).optional(),
});

export const ModelsSchema = z.looseObject({
  mode: z.enum(["merge", "replace"]).optional(),
  providers: z.record(z.string(), ModelProviderSchema).optional(),
});

/** Known channels are checked by their own schemas (lib/channels/schemas.ts); others are objects. */
export const ChannelsSchema = ChannelsConfigSchema;

export const SkillsSchema = z.looseObject({
  install: z.looseObject({ nodeManager: z.enum(NODE_MANAGERS).optional() }).optional(),
});

export const WizardRecordSchema = z.looseObject({
  lastRunAt: z.string().optional(),
  lastRunVersion: z.string().optional(),
  lastRunCommit: z.string().optional(),
  lastRunCommand: z.string().optional(),
  lastRunMode: z.enum(["local", "remote"]).optional(),
});

export const BindingSchema = z.looseObject({
  agentId: AgentIdSchema,
  match: z.looseObject({ channel: z.string(), accountId: z.string().optional() }),
});

/**
 * Shell commands the agent may run (lib/agent/tools/exec.ts): off, ask (the
 * owner approves each command in the chat with /approve), on. Default: ask.
 */
export const EXEC_MODES = ["off", "ask", "on"] as const;
export const DEFAULT_EXEC_MODE = "ask";

/**
 * A value of another program's shape under a key this program also uses: it
 * is accepted and kept, and doctor reports it as not used (unknown-keys.ts).
 */
function keptNotUsed<T extends z.ZodType>(schema: T): T {
  return schema.meta({ [KEPT_NOT_USED]: true });
}

export const KEPT_NOT_USED = "openclawKeptNotUsed";

export const ToolsSchema = z.looseObject({
  exec: z.union([
    z.enum(EXEC_MODES, { error: `tools.exec is one of: ${EXEC_MODES.join(", ")}.` }),
    // The public CLI's tools.exec is a section of its own (host, security, …): kept, not used.
    keptNotUsed(z.looseObject({})),
  ]).optional(),
  /** A command still running after this long is stopped (default 30). */
  execTimeoutSeconds: z.number().positive().max(3600).optional(),
  /** What the model sees of a command's output, at most (default 16000 characters). */
  execMaxOutputChars: z.number().int().min(256).max(1_000_000).optional(),
});

export const ConfigSchema = z.looseObject({
  $schema: z.string().optional(),
  meta: z.looseObject({}).optional(),
  agents: AgentsSchema.optional(),
  models: ModelsSchema.optional(),
  gateway: GatewaySchema.optional(),
  channels: ChannelsSchema.optional(),
  skills: SkillsSchema.optional(),
  plugins: z.looseObject({
    /** Written when a channel plugin is installed (lib/channels/plugins.ts). */
    entries: z.record(z.string(), z.looseObject({ enabled: z.boolean().optional() })).optional(),
    /** Where each plugin came from; free-form records. */
    installs: z.record(z.string(), z.looseObject({})).optional(),
  }).optional(),
  bindings: z.array(BindingSchema).optional(),
  tools: ToolsSchema.optional(),
  wizard: WizardRecordSchema.optional(),
});

export type OpenclawConfig = z.infer<typeof ConfigSchema>;
