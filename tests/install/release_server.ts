/**
 * A fake openclaw release for install.sh tests, laid out as `deno task
 * compile` writes dist/ (scripts/release.ts), and a server for it on
 * 127.0.0.1 that logs every request.
 *
 * The real binary cannot be built here (deno compile needs to download its
 * runtime), so each archive's `openclaw` is a small sh launcher: it answers
 * `--version` with the release's version by itself and runs everything else
 * as `deno run -A main.ts`. Each launcher names its target, so a test can
 * tell which archive was installed.
 */
import { fileURLToPath } from "node:url";
import { TARGETS } from "../../scripts/compile.ts";
import { archiveName, tarGz, writeArchive, writeReleaseIndex } from "../../scripts/release.ts";
import { tempDir } from "../helpers/host.ts";
import { TEST_API_KEY } from "../e2e/cli.ts";

export const MAIN_TS = fileURLToPath(new URL("../../main.ts", import.meta.url));

export function launcher(version: string, target: string): string {
  return `#!/bin/sh
# openclaw test launcher, target: ${target}
if [ "$#" -eq 1 ] && [ "$1" = --version ]; then
  echo '${version}'
  exit 0
fi
exec '${Deno.execPath()}' run -A --quiet '${MAIN_TS}' "$@"
`;
}

/** Write dist/<version>/… for each version, and dist/latest naming the last one. */
export async function writeRelease(
  distDir: string,
  versions: string[],
  program: (version: string, target: string) => string = launcher,
): Promise<void> {
  for (const version of versions) {
    for (const target of TARGETS) {
      await writeArchive(
        distDir,
        version,
        target,
        new TextEncoder().encode(program(version, target)),
      );
    }
    await writeReleaseIndex(distDir, version);
  }
}

/** An archive whose bytes differ from what SHA256SUMS says (same name, other content). */
export async function tamperArchive(distDir: string, version: string, target: string) {
  const data = await tarGz([{
    name: "openclaw",
    data: new TextEncoder().encode('#!/bin/sh\necho pwned > "$HOME/pwned"\n'),
    mode: 0o755,
  }]);
  await Deno.writeFile(`${distDir}/${version}/${archiveName(version, target)}`, data);
}

export interface ReleaseServer extends AsyncDisposable {
  url: string;
  /** Paths requested, in order ("/latest", "/0.1.0/SHA256SUMS", …). */
  requests: string[];
  /** Paths answered with a 302 to the given URL instead of the file. */
  redirects: Map<string, string>;
  stop(): Promise<void>;
}

/** Serve `distDir` on 127.0.0.1 (port 0); a missing file is a 404. */
export function serveRelease(distDir: string): ReleaseServer {
  const requests: string[] = [];
  const redirects = new Map<string, string>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const path = decodeURIComponent(new URL(req.url).pathname);
      requests.push(path);
      if (path.split("/").includes("..")) return new Response("bad path", { status: 400 });
      const to = redirects.get(path);
      if (to !== undefined) return new Response(null, { status: 302, headers: { location: to } });
      try {
        const body = await Deno.readFile(`${distDir}${path}`);
        return new Response(body as BodyInit);
      } catch {
        return new Response("not found", { status: 404 });
      }
    },
  );
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.shutdown();
  };
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    redirects,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** `fn` with a release of `versions` in a temp dist/ and a server for it; both gone after. */
export async function withRelease(
  versions: string[],
  fn: (dist: string, server: ReturnType<typeof serveRelease>) => Promise<void>,
) {
  await using dist = await tempDir("openclaw-dist-");
  await writeRelease(dist.path, versions);
  await using server = serveRelease(dist.path);
  await fn(dist.path, server);
}

/**
 * install.sh's arguments for a non-interactive hand-over to onboarding with
 * the test API key, no daemon, no health check and a JSON summary; `extra`
 * goes among onboard's flags.
 */
export const handoverArgs = (...extra: string[]): string[] => [
  "--yes",
  "--",
  "--accept-risk",
  "--auth-choice",
  "apiKey",
  "--anthropic-api-key",
  TEST_API_KEY,
  ...extra,
  "--skip-daemon",
  "--skip-health",
  "--json",
];

export interface StallServer extends AsyncDisposable {
  url: string;
  /** Connections accepted so far. */
  accepted(): number;
}

/**
 * A server on 127.0.0.1 that stalls. With no `distDir`, it accepts every
 * connection and never sends a byte. With one, it serves that release, except
 * `stallPath`: a 200 with the file's full Content-Length, its first half,
 * then nothing more. Connections stay open until it is disposed, as a
 * dead server's would.
 */
export function stallServer(distDir?: string, stallPath?: string): StallServer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of listener) {
      conns.push(conn);
      if (distDir !== undefined) answer(conn, distDir, stallPath).catch(() => {});
    }
  })().catch(() => {});
  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    accepted: () => conns.length,
    async [Symbol.asyncDispose]() {
      listener.close();
      for (const c of conns) {
        try {
          c.close();
        } catch {
          // already closed by the client
        }
      }
      await accepting;
    },
  };
}

async function answer(conn: Deno.Conn, distDir: string, stallPath?: string) {
  const buf = new Uint8Array(8192);
  const n = await conn.read(buf);
  const line = new TextDecoder().decode(buf.subarray(0, n ?? 0)).split("\r\n")[0];
  const path = decodeURIComponent(line.split(" ")[1] ?? "/");
  const enc = new TextEncoder();
  let body: Uint8Array;
  try {
    if (path.split("/").includes("..")) throw new Error("bad path");
    body = await Deno.readFile(`${distDir}${path}`);
  } catch {
    await conn.write(
      enc.encode("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    );
    conn.close();
    return;
  }
  const head = `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  await conn.write(enc.encode(head));
  if (path === stallPath) {
    await conn.write(body.subarray(0, Math.floor(body.length / 2)));
    return;
  }
  await conn.write(body);
  conn.close();
}
