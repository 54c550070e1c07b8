/**
 * Questions declared once (lib/wizard/question.ts): every declaration's flag
 * is an option of the commands that take it, a declaration marked secret is
 * never printed as its value in any "same setup without questions" command,
 * and the --channels help names every channel.
 */
import assert from "node:assert/strict";
import { Command } from "commander";
import { registerOnboard } from "../../lib/cli/onboard.ts";
import { registerConfigure } from "../../lib/cli/configure.ts";
import { registerChannels } from "../../lib/cli/channels.ts";
import {
  answersFromOptions,
  declaredFlags,
  F,
  GATEWAY_FLAGS,
  Q,
} from "../../lib/onboard/questions.ts";
import { AQ, authFlags, keyQuestion } from "../../lib/auth/questions.ts";
import { keyChoices } from "../../lib/auth/catalog.ts";
import {
  CHANNEL_FIELDS,
  CHANNEL_IDS,
  channelQuestion,
  onboardChannelQuestions,
} from "../../lib/channels/flags.ts";
import { channelFlags } from "../../lib/channels/equivalent.ts";
import { equivalentArgs } from "../../lib/wizard/equivalent-command.ts";
import { attributeName, type Flag, longFlag, type Question } from "../../lib/wizard/question.ts";
import { OnboardOptionsSchema, parseOnboardOptions } from "../../lib/onboard/options.ts";
import { UsageError } from "../../lib/errors.ts";
import { equivalentCommand } from "../../lib/onboard/report.ts";
import { renderPlan } from "../../lib/plan/render.ts";
import { emptyPlan, type Plan } from "../../lib/plan/types.ts";
import { authEquivalentArgs } from "../../lib/auth/equivalent.ts";
import { AUTH_CHOICES } from "../../lib/auth/catalog.ts";
import type { ObtainedCredential } from "../../lib/auth/choices/types.ts";

/** Every declaration there is: onboarding, auth (with each key question), channels in both spellings. */
function allDeclarations(): (Question | Flag)[] {
  return [
    ...Object.values(Q),
    ...Object.values(F),
    ...Object.values(AQ),
    ...keyChoices().map((c) => keyQuestion(c).key),
    ...CHANNEL_IDS.flatMap((id) =>
      CHANNEL_FIELDS[id].flatMap((f) => [
        channelQuestion(id, f, "onboard"),
        ...(f.add ? [channelQuestion(id, f, "add")] : []),
      ])
    ),
  ];
}

function longOptions(cmd: Command): Set<string> {
  return new Set(cmd.options.map((o) => o.long!).filter(Boolean));
}

function command(register: (p: Command, setExit: (c: number) => void) => Command): Command {
  return register(new Command("openclaw"), () => {});
}

Deno.test("declarations: every onboarding, auth and channel flag is an option of onboard", () => {
  const options = longOptions(command(registerOnboard));
  const declared = [...declaredFlags(), ...onboardChannelQuestions()];
  for (const q of declared) {
    if (!q.flag) continue;
    assert.ok(options.has(longFlag(q.option ?? q.flag)), `onboard lacks ${q.flag}`);
  }
});

Deno.test("declarations: configure takes the gateway, auth and channel flags it declares", () => {
  const options = longOptions(command(registerConfigure));
  const declared: Partial<Flag>[] = [
    ...GATEWAY_FLAGS,
    Q.workspace,
    Q.nodeManager,
    Q.skillsInstall,
    Q.channels,
    ...authFlags(),
    ...onboardChannelQuestions(),
  ];
  for (const q of declared) {
    if (!q.flag) continue;
    assert.ok(options.has(longFlag(q.option ?? q.flag)), `configure lacks ${q.flag}`);
  }
});

Deno.test("declarations: channels add takes every channel field's short flag", () => {
  const add = command(registerChannels).commands.find((c) => c.name() === "add")!;
  const options = longOptions(add);
  for (const id of CHANNEL_IDS) {
    for (const f of CHANNEL_FIELDS[id]) {
      if (f.add) assert.ok(options.has(longFlag(f.add)), `channels add lacks ${f.add}`);
    }
  }
});

Deno.test("declarations: an enum's choices are the option's choices", () => {
  const onboard = command(registerOnboard);
  for (const q of declaredFlags()) {
    if (!q.choices || !q.flag) continue;
    const option = onboard.options.find((o) => o.long === longFlag(q.option ?? q.flag!));
    assert.deepEqual(option?.argChoices, [...q.choices], q.flag);
  }
});

Deno.test("declarations: every secret has a variable, and never prints as its value", () => {
  const secrets = allDeclarations().filter((q) => q.secret);
  assert.ok(secrets.length >= 15, `only ${secrets.length} secrets declared`);
  for (const q of secrets) {
    assert.ok(q.flag && q.env, `${q.flag}: a secret without a variable`);
    const value = `s3cret-${q.env}-value`;
    const words = equivalentArgs([{ flag: q as Flag, value }], (s) => `'${s}'`);
    const line = words.join(" ");
    assert.ok(!line.includes(value), `${q.flag} printed its value: ${line}`);
    assert.ok(line.includes(`"$${q.env}"`), `${q.flag} does not name $${q.env}: ${line}`);
  }
  // The renderer prints plain values as given.
  assert.deepEqual(equivalentArgs([{ flag: Q.workspace, value: "~/w" }], (s) => s), [
    "--workspace",
    "~/w",
  ]);
});

Deno.test("declarations: no channel's secret field reaches the printed command or the dry-run plan", () => {
  for (const id of CHANNEL_IDS) {
    const edits = CHANNEL_FIELDS[id].filter((f) => !f.boolean && f.key !== "plugin").map((f) => ({
      path: ["channels", id, f.key],
      value: `v4lue-of-${id}-${f.key}`,
    }));
    const line = channelFlags(edits, (s) => s).join(" ");
    // The dry-run plan too, even when the channel's setup named no secret.
    const plan = renderPlan({ ...emptyPlan(), configEdits: edits }, "/home/u", "/home/u/c.json");
    for (const f of CHANNEL_FIELDS[id]) {
      const value = `v4lue-of-${id}-${f.key}`;
      if (channelQuestion(id, f).secret) {
        assert.ok(!line.includes(value), `${id}.${f.key} leaked: ${line}`);
        assert.ok(!plan.includes(value), `${id}.${f.key} leaked in the plan: ${plan}`);
        assert.ok(line.includes(`"$${f.env}"`), `${id}.${f.key} lacks $${f.env}: ${line}`);
      } else if (!f.boolean && f.key !== "plugin" && f.key !== "dmPolicy") {
        assert.ok(line.includes(value), `${id}.${f.key} missing: ${line}`);
      }
    }
  }
});

Deno.test("declarations: onboarding's equivalent command and plan never show a gateway, remote or auth secret", () => {
  const secret = "p4ssw0rd-that-must-not-show";
  const local: Plan = {
    ...emptyPlan(),
    secrets: [secret],
    configEdits: [
      { path: ["gateway", "auth", "password"], value: secret },
      { path: ["channels", "telegram", "botToken"], value: secret },
    ],
    summary: {
      gateway: { port: 18789, bind: "lan", authMode: "password", tailscaleMode: "off" },
      channels: ["telegram"],
      authChoice: "custom-api-key",
      authArgs: authEquivalentArgs({
        choice: AUTH_CHOICES.find((c) => c.kind === "custom")!,
        provider: "custom-x",
        secrets: [secret],
        profile: { type: "api_key", provider: "custom-x", key: secret },
        providerEntry: {
          id: "custom-x",
          entry: {
            baseUrl: "https://llm.example/v1",
            api: "openai-completions",
            models: [{ id: "m", name: "m" }],
          },
        },
      } as unknown as ObtainedCredential),
    },
  };
  const line = equivalentCommand(local, "advanced", "/home/u");
  assert.ok(!line.includes(secret), line);
  for (const ref of ["$OPENCLAW_GATEWAY_PASSWORD", "$TELEGRAM_BOT_TOKEN", "$CUSTOM_API_KEY"]) {
    assert.ok(line.includes(`"${ref}"`), `${ref} missing: ${line}`);
  }
  assert.ok(!renderPlan(local, "/home/u", "/home/u/.openclaw/openclaw.json").includes(secret));
  for (const authMode of ["token", "password"]) {
    const remote: Plan = {
      ...emptyPlan(),
      summary: { remote: { url: "wss://gw.example/", authMode, probe: "ok" } },
    };
    const shown = equivalentCommand(remote, "quickstart", "/home/u");
    const q = authMode === "token" ? Q.remoteToken : Q.remotePassword;
    assert.ok(shown.includes(`${longFlag(q.flag)} "$${q.env}"`), shown);
  }
});

Deno.test("declarations: --channels help of onboard and configure names all 11 channels", () => {
  assert.equal(CHANNEL_IDS.length, 11);
  for (const register of [registerOnboard, registerConfigure]) {
    const option = command(register).options.find((o) => o.long === "--channels")!;
    for (const id of CHANNEL_IDS) assert.match(option.description, new RegExp(`\\b${id}\\b`), id);
  }
});

Deno.test("declarations: question ids are unique, and a shared flag is registered once", () => {
  const ids = [...Object.values(Q), ...Object.values(AQ), ...onboardChannelQuestions()].map((q) =>
    q.id
  );
  assert.equal(new Set(ids).size, ids.length, "a question id is declared twice");
  const onboard = command(registerOnboard);
  const longs = onboard.options.map((o) => o.long);
  assert.equal(new Set(longs).size, longs.length, "an option is registered twice");
});

Deno.test("declarations: the options schema reads every flag onboard declares", () => {
  const shape = OnboardOptionsSchema.shape as Record<string, unknown>;
  for (const f of declaredFlags()) {
    if (!f.flag || f.help === undefined || f.hidden || f.flag.startsWith("--no-")) continue;
    const key = attributeName(f.option ?? f.flag);
    assert.ok(key in shape, `${f.flag} (${key}) is not in the options schema`);
  }
  // A bad enum value names the flag as declared.
  assert.throws(
    () => parseOnboardOptions({ customCompatibility: "cobol" }),
    (e: Error) => e instanceof UsageError && e.message.startsWith("--custom-compatibility: "),
  );
});

Deno.test("declarations: flags answer their questions as declared (values, switches, channels)", () => {
  const a = answersFromOptions(parseOnboardOptions({
    acceptRisk: true,
    gatewayPort: "18790",
    customCompatibility: "anthropic",
    channelFlags: { telegramBotToken: "123:abc", signalInstall: true },
  }));
  assert.equal(a.get(Q.risk.id), true);
  assert.equal(a.get(Q.gatewayPort.id), "18790");
  assert.equal(a.get(AQ.customCompatibility.id), "anthropic");
  assert.equal(a.get("channels.telegram.botToken"), "123:abc");
  assert.equal(a.get("channels.signal.install"), true);
  assert.deepEqual(a.get(Q.channels.id), ["telegram", "signal"]);
  // A switch not given answers nothing: the question is asked (or named missing).
  const none = answersFromOptions(parseOnboardOptions({}));
  assert.equal(none.has(Q.risk.id), false);
  assert.equal(none.size, 0, JSON.stringify([...none]));
});
