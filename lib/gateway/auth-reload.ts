/**
 * Which secret the gateway checks at `connect`. A running gateway follows
 * its config: when `onboard`/`configure` rotates gateway.auth, the new
 * secret works for new connections and the old one stops working, without a
 * restart (connections already open stay open). A secret given to
 * `gateway run` by flag or environment still wins, as it did at start.
 *
 * The config is looked at only when the file changed (stat), and a change
 * that cannot be used (invalid file, a mode the listener refuses) keeps the
 * auth in force and says so in the log. The log never holds a secret.
 */
import { readConfigFile } from "../config/store.ts";
import { checkConfig } from "../config/validate.ts";
import type { OpenclawConfig } from "../config/schema.ts";
import type { GatewayAuth } from "./auth.ts";
import { cli } from "../platform/invocation.ts";

export interface AuthSource {
  /** The auth to check a connect against (re-reads the config if it changed). */
  current(): Promise<GatewayAuth>;
  /** The auth in force now, without looking (for health/status: its mode). */
  latest(): GatewayAuth;
}

export function fixedAuth(auth: GatewayAuth): AuthSource {
  return { current: () => Promise.resolve(auth), latest: () => auth };
}

export interface ReloadOptions {
  configPath: string;
  /** The auth the gateway started with. */
  initial: GatewayAuth;
  /** The auth a config gives, with this run's flags and env applied; throws when unusable. */
  fromConfig(config: OpenclawConfig): GatewayAuth;
  log(line: string): void;
}

export class ConfigAuthSource implements AuthSource {
  private auth: GatewayAuth;
  private key?: string;
  private reading?: Promise<GatewayAuth>;

  constructor(private readonly opts: ReloadOptions) {
    this.auth = opts.initial;
  }

  /** Remember the file as it is now, so the first connect does not count as a change. */
  async prime(): Promise<void> {
    this.key = await fileKey(this.opts.configPath);
  }

  latest(): GatewayAuth {
    return this.auth;
  }

  async current(): Promise<GatewayAuth> {
    const key = await fileKey(this.opts.configPath);
    if (key === this.key) return this.auth;
    // Connects arriving together share one read.
    this.reading ??= this.reload(key).finally(() => (this.reading = undefined));
    return await this.reading;
  }

  private async reload(key: string): Promise<GatewayAuth> {
    this.key = key;
    const status = checkConfig(await readConfigFile(this.opts.configPath));
    if (status.state !== "valid") {
      this.opts.log(
        "the config changed but is not valid now; gateway auth stays as it was " +
          `(fix it with \`${cli("doctor")}\`)`,
      );
      return this.auth;
    }
    let next: GatewayAuth;
    try {
      next = this.opts.fromConfig(status.config);
    } catch (err) {
      this.opts.log(
        `the config's new gateway auth cannot be used here (${(err as Error)?.message ?? err}); ` +
          "gateway auth stays as it was",
      );
      return this.auth;
    }
    if (!sameAuth(next, this.auth)) {
      this.auth = next;
      this.opts.log(
        `gateway auth reloaded from the config (mode ${next.mode}): new connections need the ` +
          "new secret; open ones stay",
      );
    }
    return this.auth;
  }
}

function sameAuth(a: GatewayAuth, b: GatewayAuth): boolean {
  return a.mode === b.mode && a.token === b.token && a.password === b.password;
}

/** Changes when the file is replaced (atomic rename: new inode) or rewritten. */
async function fileKey(path: string): Promise<string> {
  try {
    const s = await Deno.stat(path);
    return `${s.ino}:${s.mtime?.getTime()}:${s.size}`;
  } catch {
    return "missing";
  }
}
