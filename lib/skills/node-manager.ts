/**
 * The Node package manager skill installs use (`skills.install.nodeManager`,
 * `--node-manager`). npm is the default; pnpm works as well; bun is offered
 * but not recommended (its global installs do not behave like npm's for the
 * packages skills need).
 */
import { NODE_MANAGERS } from "../config/schema.ts";

export type NodeManager = typeof NODE_MANAGERS[number];
export { NODE_MANAGERS };

export const DEFAULT_NODE_MANAGER: NodeManager = "npm";

export const NODE_MANAGER_OPTIONS: { value: NodeManager; label: string; hint: string }[] = [
  { value: "npm", label: "npm", hint: "recommended; comes with Node.js" },
  { value: "pnpm", label: "pnpm", hint: "fine if you already use it" },
  { value: "bun", label: "bun", hint: "not recommended" },
];

export function isNodeManager(v: unknown): v is NodeManager {
  return (NODE_MANAGERS as readonly unknown[]).includes(v);
}

/** The manager from the config, or npm. */
export function configuredNodeManager(config: unknown): NodeManager {
  const v = (config as { skills?: { install?: { nodeManager?: unknown } } } | undefined)?.skills
    ?.install?.nodeManager;
  return isNodeManager(v) ? v : DEFAULT_NODE_MANAGER;
}
