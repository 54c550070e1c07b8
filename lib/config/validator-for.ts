/**
 * A prompt validator made from a zod schema: the schema's first message is
 * the prompt's error, so a value is judged by one rule with one message
 * wherever it comes from. Apart from validators.ts, which imports the config
 * schema, so that lib/channels/schemas.ts (imported by the config schema)
 * can use it without an import cycle.
 */
import type { z } from "zod";
import type { Validator } from "../wizard/prompter.ts";

export function validatorFor(
  schema: z.ZodType,
  convert: (s: string) => unknown = (s) => s,
): Validator {
  return (input) => {
    const r = schema.safeParse(convert(input));
    return r.success ? undefined : r.error.issues[0]?.message;
  };
}
