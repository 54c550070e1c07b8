/**
 * How this machine reaches the network: the proxy and TLS-trust variables a
 * child process run with a cleared environment must still get, or it fails
 * behind a proxy or a TLS-inspecting CA that the parent gets through.
 */
export const NETWORK_ENV: readonly string[] = [
  "DENO_TLS_CA_STORE",
  "DENO_CERT",
  // Extra CA certificates Deno trusts (a TLS proxy's CA is often named only here).
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
];

/** The named variables that are set here, for a child's cleared environment. */
export function pickEnv(names: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of names) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}
