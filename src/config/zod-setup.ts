/*
 * zod's global settings, made before any schema is (every module that makes one imports `meta`
 * from here, so this runs before its body: a container reads them when it is created, and
 * holidays.ts makes its schemas before schema.ts used to set them), and how a schema is
 * described for the JSON Schema.
 *
 * The schemas are zod/mini's (issue 14): the same zod core (parsing, issues, JSON Schema), but
 * a schema of zod's classic API is made in more layers, and its `.meta()` makes a second copy of
 * each schema it describes. With zod/mini a registry feed of 94 groups ran
 * 5% fewer instructions (632 against 666 million) and spent 22 ms in scavenges against 33-37 (0.8
 * MB less copied), `tcon schedule` on the example 11% fewer instructions; the bundle is 106 KB
 * smaller.
 *
 * jitless: a config is parsed once per run; zod's JIT (compiling each object schema with new
 * Function) costs more at start-up than it saves.
 */
import * as z from 'zod/mini';
// English alone: `z.locales` would bring zod's 64 languages into the bundle (296 KB of text read at every start).
import en from 'zod/v4/locales/en.js';

// English issue messages, as zod's classic API sets up: tcon words every issue a group file can
// raise itself (resolve.ts), and says zod's message for any other.
z.config({ jitless: true, ...en() });

/**
 * `schema` described for the JSON Schema (editor completion): registered in zod's global
 * registry as it is, not copied. A schema used in several places with different descriptions
 * is described through a copy of its own (`meta(z.clone(s), ...)`).
 */
export function meta<T extends z.ZodMiniType>(schema: T, data: z.core.GlobalMeta): T {
  z.globalRegistry.add(schema, data);
  return schema;
}
