/**
 * The silent rule, one place for every adapter that shows prompts (clack,
 * the RPC session, and Back's replay, which must know what was shown): a
 * silent question that has an initial value takes it without being shown.
 * A silent question without one is asked like any other. (Flag-driven
 * adapters show nothing, so they need no such rule.)
 */
import type { QuestionBase } from "./prompter.ts";

export function isAnsweredSilently(
  q: Pick<QuestionBase, "silent"> & { initialValue?: unknown; initialValues?: unknown },
): boolean {
  return q.silent === true && (q.initialValue !== undefined || q.initialValues !== undefined);
}
