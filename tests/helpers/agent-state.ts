/**
 * A state folder ready for the agent, as onboarding leaves it: a workspace
 * with SOUL.md and the main agent's Anthropic API key profile (0600).
 * Returns the workspace path.
 */
export async function writeAgentState(
  stateDir: string,
  opts: { soul: string; anthropicKey: string },
): Promise<string> {
  const workspace = `${stateDir}/workspace`;
  await Deno.mkdir(workspace, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(`${workspace}/SOUL.md`, opts.soul);
  await Deno.mkdir(`${stateDir}/agents/main/agent`, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(
    `${stateDir}/agents/main/agent/auth-profiles.json`,
    JSON.stringify({
      version: 1,
      profiles: {
        "anthropic:default": { type: "api_key", provider: "anthropic", key: opts.anthropicKey },
      },
    }),
    { mode: 0o600 },
  );
  return workspace;
}

/**
 * The config of a gateway on `port` (token auth) whose agent answers with Anthropic from
 * `workspace`, with these channels: what the end-to-end gateway tests start from.
 */
export async function writeGatewayConfig(
  stateDir: string,
  opts: { port: number; token: string; workspace: string; channels: Record<string, unknown> },
): Promise<void> {
  await Deno.writeTextFile(
    `${stateDir}/openclaw.json`,
    JSON.stringify({
      gateway: {
        mode: "local",
        port: opts.port,
        bind: "loopback",
        auth: { mode: "token", token: opts.token },
      },
      agents: { defaults: { workspace: opts.workspace, model: "anthropic/claude-sonnet-4-5" } },
      channels: opts.channels,
    }),
    { mode: 0o600 },
  );
}
