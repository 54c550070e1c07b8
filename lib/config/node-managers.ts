/**
 * The package managers a skill's Node dependencies can be installed with. Its own module so
 * that reading `--node-manager` (lib/onboard/options.ts) does not build the config schemas.
 */
export const NODE_MANAGERS = ["npm", "pnpm", "bun"] as const;
