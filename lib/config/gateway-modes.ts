/**
 * The gateway's bind, auth and tailscale modes, declared once as data with
 * no imports: the config schema validates them, the onboard, configure and
 * gateway commands register their flags' choices from them while the
 * command tree is built (no zod then), doctor names them in its hints.
 */
export const BIND_MODES = ["loopback", "lan", "tailnet", "auto", "custom"] as const;
export const GATEWAY_AUTH_MODES = ["token", "password", "none"] as const;
export const TAILSCALE_MODES = ["off", "serve", "funnel"] as const;

export type BindMode = typeof BIND_MODES[number];
export type GatewayAuthMode = typeof GATEWAY_AUTH_MODES[number];
export type TailscaleMode = typeof TAILSCALE_MODES[number];
