/**
 * Load the model library ahead of the first message. The gateway may call
 * this once it is ready and idle: the first reply then does not wait for the
 * library (about 0.5–1 s and 25 MB, see docs/agent.md), at the price of that
 * memory from the start. Commands that never ask a model (--version, --help,
 * onboarding) must not call it.
 */
export async function preloadModelLibrary(): Promise<void> {
  const { loadLibrary } = await import("./model-call.ts");
  await loadLibrary();
}
