/**
 * What a channel is, in two parts. Each channel is a folder,
 * lib/channels/<id>/, whose `meta.ts` exports a ChannelMeta: data only (its
 * label, its questions' flags, the shape of its config, its legacy keys,
 * what a sender id looks like) and a `load()` for the rest. `openclaw
 * onboard --help` and the first prompt read the metas only, so a meta
 * imports no zod and no setup code; `load()` brings the ChannelDescriptor
 * (setup, live check, probe, runtime) when a channel is actually set up,
 * probed or run. The registry (registry.ts) lists the metas.
 */
import type { PluginInfo } from "./plugins.ts";
import type { ChannelPlan, ChannelSetupContext } from "./context.ts";
import type { CheckOutcome } from "./live-check.ts";
import type { ChannelProbe, ProbeContext } from "./probe.ts";
import type { ZodType } from "zod";
import type { Host } from "../host.ts";
import type { ChannelRuntime } from "./channel-runtime.ts";

export interface ChannelField {
  key: string;
  /** `openclaw onboard` flag, with its value placeholder. */
  onboard: string;
  /** `openclaw channels add` flag, when it has one. */
  add?: string;
  description: string;
  /** A boolean flag (no value). */
  boolean?: boolean;
  /**
   * A secret: the environment variable that answers the question when the
   * flag is absent (flags are visible to other local users in `ps`).
   */
  env?: string;
}

/**
 * How the config loader checks one key of channels.<id> (schemas.ts turns
 * these into zod): free text, a secret (its own "… is empty." message), a
 * URL, a webhook path, a phone number, a GUID, WhatsApp's accounts, or one
 * of a list of words.
 */
export type ConfigKind =
  | "text"
  | "secret"
  | "httpUrl"
  | "webhookPath"
  | "e164"
  | "guid"
  | "accounts"
  | readonly string[];

/** What counts as a sender id in a channel's allowFrom (see sender-ids.ts). */
export interface SenderIdRule {
  /** Whether an allowFrom entry is an id the runtime can match. */
  isId(entry: string): boolean;
  /** What the ids look like and where to find one, for warnings and doctor. */
  hint: string;
  /** How to learn a person's id when the platform cannot look a name up. */
  findId?: string;
  /**
   * The one spelling of an id the runtime compares (Signal: "uuid:ABC…" and "abc…" are one
   * account). Applied to allowFrom entries and to senders alike; default: as written.
   */
  canonical?(id: string): string;
}

export interface ChannelMeta<Id extends string = string> {
  id: Id;
  label: string;
  hint: string;
  /** Set for channels that ship as a plugin. */
  plugin?: PluginInfo;
  /** Every question's flag twins, dmPolicy and allowFrom included. */
  fields: readonly ChannelField[];
  /** The keys of channels.<id> besides enabled/dmPolicy/allowFrom, and how each is checked. */
  config: Readonly<Record<string, ConfigKind>>;
  /** Top-level config keys of older releases that moved to channels.<id>. */
  legacyKeys: readonly string[];
  senderIds: SenderIdRule;
  /** The platform's API, movable by an environment variable (mirrors, stand-ins in tests). */
  apiBase?: { url: string; env: string };
  /** The rest of the channel, loaded when it is set up, probed or run. */
  load(): Promise<ChannelDescriptor>;
}

/** A channel section of the config, as read (not yet trusted). */
export type Section = Record<string, unknown>;

/** The whole channel: its data and its code. */
export interface ChannelDescriptor {
  meta: ChannelMeta;
  /** channels.<id>'s schema, built from meta.config. */
  schema: ZodType;
  /** Ask this channel's questions; return the plan part the one apply writes. */
  setup(ctx: ChannelSetupContext): Promise<ChannelPlan>;
  /** Check the credentials in a config section against the platform, when it has an API. */
  liveCheck?(settings: Section, ctx: ProbeContext): Promise<CheckOutcome>;
  /** `status --deep`: what can be checked from here (never throws, never prints secrets). */
  probe(settings: Section, ctx: ProbeContext): Promise<Omit<ChannelProbe, "channel">>;
  /**
   * `pairing approve --notify`: tell an approved sender from the CLI, when the
   * channel can. Returns why it could not (the sender stays approved).
   */
  notifyApproved?(settings: Section, host: Host, chatId: string): Promise<string | undefined>;
  /** Its side of the gateway, for a channel that runs inside it (channel-runtime.ts). */
  runtime?: ChannelRuntime;
}

/*
 * Declaring a channel. A meta names its fields one call each, flags spelled
 * out in full (they are what `--help` prints and what people type):
 *
 *   field("dbPath", "--imessage-db-path <path>", "--db-path <path>").help("…")
 *
 * `secret` adds the environment variable that answers it, `toggle` makes it a
 * flag without a value. channelMeta() adds what every channel has: the two
 * DM questions and, unless it says otherwise, its own id as the legacy key.
 */

/** A field's flags and kind, waiting for its help text. */
export interface FieldDraft {
  help(description: string): ChannelField;
}

/** What kind of question a field is besides a plain one. */
type Kind = { boolean?: true; env?: string };

function draft(key: string, onboard: string, add: string, kind: Kind): FieldDraft {
  const { env, ...flag } = kind;
  return {
    help: (description) => ({ key, onboard, add, ...flag, description, ...(env ? { env } : {}) }),
  };
}

/** A question that takes a value: its `openclaw onboard` flag and its `channels add` flag. */
export function field(key: string, onboard: string, add: string): FieldDraft {
  return draft(key, onboard, add, {});
}

/** A secret: `env` answers it when the flag is absent (see ChannelField.env). */
export function secret(key: string, onboard: string, add: string, env: string): FieldDraft {
  return draft(key, onboard, add, { env });
}

/** A switch: a flag without a value. */
export function toggle(key: string, onboard: string, add: string): FieldDraft {
  return draft(key, onboard, add, { boolean: true });
}

/** Who may DM the bot: every channel has these two questions. */
function dmFields(id: string): ChannelField[] {
  return [
    field("dmPolicy", `--${id}-dm-policy <policy>`, "--dm-policy <policy>")
      .help("who may DM the bot: pairing (default), allowlist, open, disabled"),
    field("allowFrom", `--${id}-allow-from <ids>`, "--allow-from <ids>")
      .help("comma-separated senders allowed to DM the bot (ids, or names resolved when possible)"),
  ];
}

/** What a meta declares itself; channelMeta() adds the rest. */
export type MetaDeclaration<Id extends string> =
  & Omit<ChannelMeta<Id>, "id" | "label" | "hint" | "legacyKeys">
  & { legacyKeys?: readonly string[] };

/** A channel's meta: its id, label and hint, its own fields, then the DM questions. */
export function channelMeta<const Id extends string>(
  id: Id,
  label: string,
  hint: string,
  declared: MetaDeclaration<Id>,
): ChannelMeta<Id> {
  const { plugin, fields, config, legacyKeys = [id], ...rest } = declared;
  return {
    id,
    label,
    hint,
    ...(plugin ? { plugin } : {}),
    fields: [...fields, ...dmFields(id)],
    config,
    legacyKeys,
    ...rest,
  };
}

/** Sender id shapes several channels share. */
export const E164 = /^\+[1-9]\d{6,14}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
