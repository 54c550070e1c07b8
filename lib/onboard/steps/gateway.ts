/**
 * Step 5: the gateway's port, bind, auth and tailscale exposure.
 *
 * Token auth is the default even on loopback (any local process could
 * otherwise drive the agent). `none` is only possible on loopback and only
 * after an explicit warning; every other bind needs auth; funnel (public
 * internet) needs a password. QuickStart shows the defaults in one note.
 */
import { UsageError } from "../../errors.ts";
import {
  type BindMode,
  DEFAULT_GATEWAY_PORT,
  GATEWAY_AUTH_MODES,
  type GatewayAuthMode,
  gatewaySecurityProblems,
  type TailscaleMode,
} from "../../config/schema.ts";
import {
  newInputOnly,
  validateGatewaySecret,
  validateHost,
  validatePort,
} from "../../config/validators.ts";
import type { StepContext } from "../types.ts";
import type { PlanPart } from "../../plan/types.ts";
import { Q } from "../questions.ts";
import { choiceOptions } from "../../wizard/question.ts";

export const AUTH_NONE_WARNING = [
  "With auth off, any program on this machine can connect to the gateway and",
  "act as you: read your chats, run the agent's tools, change its config.",
  "Only do this if you trust every local process and user.",
].join("\n");

export async function gatewayStep(ctx: StepContext): Promise<PlanPart> {
  const { prompter } = ctx;
  const g = ctx.base.gateway ?? {};
  const quick = ctx.flow === "quickstart";
  const kept = (v: unknown) => quick || (ctx.keepExisting && v !== undefined);

  const port = Number(
    await prompter.text({
      ...Q.gatewayPort,
      message: "Gateway port",
      initialValue: String(g.port ?? DEFAULT_GATEWAY_PORT),
      validate: validatePort,
      silent: kept(g.port),
    }),
  );
  const bind = await prompter.select<BindMode>({
    ...Q.gatewayBind,
    message: "Which addresses should the gateway listen on?",
    options: choiceOptions(Q.gatewayBind),
    initialValue: g.bind ?? "loopback",
    silent: kept(g.bind),
  });
  const customBindHost = bind === "custom"
    ? (await prompter.text({
      ...Q.gatewayCustomBindHost,
      message: "Address to listen on (host name or IP)",
      initialValue: g.customBindHost,
      validate: validateHost,
      required: true,
      silent: ctx.keepExisting && g.customBindHost !== undefined,
    })).trim()
    : undefined;

  let authMode = await askAuthMode(ctx, bind, kept(g.auth?.mode));
  const tailscale = await prompter.select<TailscaleMode>({
    ...Q.tailscale,
    message: "Expose the gateway with Tailscale?",
    options: choiceOptions(Q.tailscale),
    initialValue: g.tailscale?.mode ?? "off",
    silent: kept(g.tailscale?.mode),
  });
  if (tailscale === "funnel" && authMode !== "password") {
    if (!prompter.interactive) {
      throw new UsageError(
        "--tailscale funnel exposes the gateway to the internet and requires --gateway-auth password.",
        ["--tailscale", "--gateway-auth"],
      );
    }
    await prompter.note(
      "Funnel makes the gateway public, so it uses password auth.",
      "Tailscale funnel",
    );
    authMode = "password";
  }

  const secret = await askSecret(ctx, authMode, quick);
  assertSecure({ bind, customBindHost, authMode, tailscale });

  if (quick) {
    await prompter.note(
      [
        `Port        ${port}`,
        `Bind        ${bind}${customBindHost ? ` (${customBindHost})` : ""}`,
        `Auth        ${authMode}${secret.generated ? " (a new random token)" : ""}`,
        `Tailscale   ${tailscale}`,
      ].join("\n"),
      "QuickStart gateway settings",
    );
  }

  return {
    configEdits: [
      { path: ["gateway", "mode"], value: "local" },
      { path: ["gateway", "port"], value: port },
      { path: ["gateway", "bind"], value: bind },
      { path: ["gateway", "customBindHost"], value: customBindHost },
      { path: ["gateway", "auth", "mode"], value: authMode },
      {
        path: ["gateway", "auth", "token"],
        value: authMode === "token" ? secret.value : g.auth?.token,
      },
      {
        path: ["gateway", "auth", "password"],
        value: authMode === "password" ? secret.value : g.auth?.password,
      },
      { path: ["gateway", "tailscale", "mode"], value: tailscale },
    ],
    secrets: secret.value ? [secret.value] : [],
    summary: {
      gateway: {
        port,
        bind,
        authMode,
        tailscaleMode: tailscale,
        ...(customBindHost ? { customBindHost } : {}),
      },
    },
  };
}

async function askAuthMode(
  ctx: StepContext,
  bind: BindMode,
  silent: boolean,
): Promise<GatewayAuthMode> {
  const { prompter } = ctx;
  while (true) {
    const mode = await prompter.select<GatewayAuthMode>({
      ...Q.gatewayAuth,
      message: "How should clients authenticate to the gateway?",
      // None only where it is allowed: on loopback (a flag naming it elsewhere is refused below).
      options: choiceOptions(
        Q.gatewayAuth,
        bind === "loopback" || !prompter.interactive
          ? GATEWAY_AUTH_MODES
          : GATEWAY_AUTH_MODES.filter((m) => m !== "none"),
      ),
      initialValue: ctx.base.gateway?.auth?.mode === "none" && bind !== "loopback"
        ? "token"
        : ctx.base.gateway?.auth?.mode ?? "token",
      silent,
    });
    if (mode !== "none") return mode;
    if (bind !== "loopback") {
      throw new UsageError(
        `--gateway-auth none is only allowed with --gateway-bind loopback: a ${bind} bind is ` +
          "reachable from other machines. Use --gateway-auth token (recommended) or password.",
        ["--gateway-auth", "--gateway-bind"],
      );
    }
    if (!prompter.interactive) return mode; // the flag itself is the explicit choice
    await prompter.note(AUTH_NONE_WARNING, "Auth off");
    const sure = await prompter.confirm({
      ...Q.gatewayAuthNoneConfirm,
      message: "Turn gateway auth off anyway?",
      initialValue: false,
    });
    if (sure) return mode;
    silent = false; // ask again, visibly
  }
}

async function askSecret(
  ctx: StepContext,
  mode: GatewayAuthMode,
  quick: boolean,
): Promise<{ value?: string; generated: boolean }> {
  const auth = ctx.base.gateway?.auth;
  if (mode === "token") {
    const typed = await ctx.prompter.text({
      ...Q.gatewayToken,
      message: auth?.token
        ? "Gateway token (Enter keeps the current one)"
        : "Gateway token (Enter generates one)",
      sensitive: true,
      initialValue: "",
      validate: (v) => (v.trim() === "" ? undefined : validateGatewaySecret(v.trim())),
      silent: quick || (ctx.keepExisting && auth?.token !== undefined),
    });
    if (typed.trim()) return { value: typed.trim(), generated: false };
    if (auth?.token) return { value: auth.token, generated: false };
    return { value: generateToken(ctx), generated: true };
  }
  if (mode === "password") {
    const typed = await ctx.prompter.text({
      ...Q.gatewayPassword,
      message: "Gateway password",
      sensitive: true,
      initialValue: auth?.password,
      required: auth?.password === undefined,
      // A saved password is not judged again by the rule for new ones.
      validate: newInputOnly(auth?.password, validateGatewaySecret),
      silent: auth?.password !== undefined && (quick || ctx.keepExisting),
    });
    return { value: typed.trim(), generated: false };
  }
  return { generated: false };
}

/** 24 random bytes as hex: 192 bits, URL- and header-safe. */
export function generateToken(ctx: Pick<StepContext, "host">): string {
  return Array.from(ctx.host.randomBytes(24), (b) => b.toString(16).padStart(2, "0")).join("");
}

function assertSecure(
  g: Parameters<typeof gatewaySecurityProblems>[0] & { authMode: GatewayAuthMode },
) {
  // A custom host still missing is reported with the other missing flags.
  const problems = gatewaySecurityProblems(g).filter((p) =>
    !(p.path[0] === "customBindHost" && g.customBindHost === "")
  );
  if (problems.length > 0) {
    throw new UsageError(problems.map((p) => p.message).join("\n"), [
      "--gateway-bind",
      "--gateway-auth",
    ]);
  }
}
