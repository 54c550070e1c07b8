/**
 * The port a service command line uses, and the error when another program
 * already holds it.
 */
import { ActionableError } from "../errors.ts";
import { cli } from "../platform/invocation.ts";

export function portOf(argv: string[]): number | undefined {
  const i = argv.indexOf("--port");
  const n = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function portInUseError(port: number, service: string): ActionableError {
  return new ActionableError(
    `Port ${port} is already in use on 127.0.0.1, and not by ${service}, so the gateway ` +
      "could not start there.\n" +
      `See what holds it: ss -ltnp 'sport = :${port}' (macOS: lsof -nP -iTCP:${port} -sTCP:LISTEN).\n` +
      "Stop that program (a gateway you started by hand?), or use another port: " +
      `${cli("daemon install --port <port>")}.`,
  );
}
