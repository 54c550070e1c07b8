/**
 * `openclaw gateway run`: run the gateway (WebSocket RPC + Control UI) in
 * the foreground. Flags override the config for this run only.
 */
import { type Command, Option } from "commander";
import { commandSetup } from "./program.ts";
import { describeSecretInputs } from "./secret-inputs.ts";
import { Q } from "../onboard/questions.ts";
import { BIND_MODES, GATEWAY_AUTH_MODES, TAILSCALE_MODES } from "../config/gateway-modes.ts";

export function registerGateway(program: Command, setExit: (code: number) => void): Command {
  const gateway = program.command("gateway")
    .description("Run the gateway (the daemon the user service starts).");
  // `openclaw gateway [flags]` runs it too (as in the public CLI); `gateway run` is the explicit form.
  withRunOptions(
    gateway.command("run", { isDefault: true })
      .description("Run the gateway in the foreground; Ctrl-C stops it."),
    setExit,
  );
  // Subcommands share the program's exit handling.
  for (const sub of gateway.commands) sub.exitOverride().configureOutput(program.configureOutput());
  return gateway;
}

/** gateway run's --token/--password share onboard's variables (lib/gateway/settings.ts reads them). */
const RUN_SECRET_ENV: Record<string, string[]> = {
  "--token": [Q.gatewayToken.env],
  "--password": [Q.gatewayPassword.env],
};

function withRunOptions(cmd: Command, setExit: (code: number) => void): Command {
  return describeSecretInputs(cmd, (flag) => RUN_SECRET_ENV[flag])
    .option("--port <port>", "port to listen on (default: gateway.port, 18789)")
    .addOption(
      new Option("--bind <mode>", "addresses to listen on (default: gateway.bind)")
        .choices(BIND_MODES),
    )
    .option("--host <address>", "address to listen on with --bind custom")
    .addOption(
      new Option("--auth <mode>", "client auth (default: gateway.auth.mode)").choices(
        GATEWAY_AUTH_MODES,
      ),
    )
    .option(
      "--token <token>",
      "gateway token (default: $OPENCLAW_GATEWAY_TOKEN, gateway.auth.token)",
    )
    .option(
      "--password <password>",
      "gateway password (default: $OPENCLAW_GATEWAY_PASSWORD, gateway.auth.password)",
    )
    .addOption(
      new Option("--tailscale <mode>", "expose with Tailscale serve/funnel while running")
        .choices(TAILSCALE_MODES),
    )
    .option("--force", "stop a previous openclaw gateway recorded in the state folder first")
    .action(async (raw: Record<string, string | boolean | undefined>, self: Command) => {
      const { host, paths } = await commandSetup(self);
      const { runGateway } = await import("../gateway/run.ts");
      const str = (k: string) => (typeof raw[k] === "string" ? raw[k] as string : undefined);
      setExit(
        await runGateway({
          host,
          paths,
          force: Boolean(raw.force),
          // Loaded when a client starts the wizard: a gateway that only serves never compiles it.
          wizard: async (run) => (await import("../onboard/rpc-wizard.ts")).rpcWizard(run),
          flags: {
            port: str("port"),
            bind: str("bind"),
            host: str("host"),
            auth: str("auth"),
            token: str("token"),
            password: str("password"),
            tailscale: str("tailscale"),
          },
        }),
      );
    });
}
