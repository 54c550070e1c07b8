/**
 * The keys of a config that this version of openclaw does not use. The
 * schema (schema.ts) keeps them when it parses, so they survive every edit;
 * this walks the schema's shapes beside the data to name them, for doctor's
 * warnings. It reads the shapes zod builds rather than a second list of
 * keys, so a key added to the schema is known here at once.
 *
 * A value of another program's shape under a key we share (the schema marks
 * it kept-not-used, like the public CLI's `tools.exec` section) counts too.
 *
 * A section the schema leaves free-form (an object schema with no keys of
 * its own, like `meta` or a plugin's channel) is not looked into: what is
 * in it is the owner's business, not ours.
 */
import type { z } from "zod";
import type { JsonPath } from "./store.ts";
import { KEPT_NOT_USED } from "./schema.ts";

/** What zod keeps of a schema's definition, as far as this walk needs it. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Wrappers that do not change which keys a value may have. */
const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch"]);

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 16; i++) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else break;
  }
  return s;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Every key of `data`, at any depth, that `schema` does not know; the topmost of each subtree. */
export function unknownKeys(schema: z.ZodType, data: unknown, path: JsonPath = []): JsonPath[] {
  const s = unwrap(schema);
  if (s.meta()?.[KEPT_NOT_USED]) return [path];
  const def = defOf(s);
  switch (def.type) {
    case "object":
      return isPlainObject(data) ? objectUnknowns(def, data, path) : [];
    case "array":
      return Array.isArray(data) && def.element
        ? data.flatMap((item, i) => unknownKeys(def.element!, item, [...path, i]))
        : [];
    case "record":
      return isPlainObject(data) && def.valueType
        ? Object.entries(data).flatMap(([k, v]) => unknownKeys(def.valueType!, v, [...path, k]))
        : [];
    case "union": {
      // The branch the value matches says which keys it may have (a model string has none).
      const branch = def.options?.find((o) => o.safeParse(data).success) ??
        def.options?.find((o) => defOf(unwrap(o)).type === "object" && isPlainObject(data));
      return branch ? unknownKeys(branch, data, path) : [];
    }
    default:
      return [];
  }
}

function objectUnknowns(def: Def, data: Record<string, unknown>, path: JsonPath): JsonPath[] {
  const shape = def.shape ?? {};
  const catchall = def.catchall ? unwrap(def.catchall) : undefined;
  const catchallType = catchall ? defOf(catchall).type : undefined;
  // Keys beyond the shape are judged by the catchall when it is a schema of its own.
  const judgedByCatchall = catchall && catchallType !== "unknown" && catchallType !== "never";
  if (Object.keys(shape).length === 0 && !judgedByCatchall) return []; // free-form section
  return Object.entries(data).flatMap(([key, value]) => {
    const at = [...path, key];
    if (Object.hasOwn(shape, key)) return unknownKeys(shape[key], value, at);
    if (judgedByCatchall) return unknownKeys(catchall!, value, at);
    return [at];
  });
}
