/*
 * zod's global settings, made before any schema is (imported first by every module that makes
 * one: a container reads them when it is created).
 *
 * - jitless: a config is parsed once per run; zod's JIT (compiling each object schema with new
 *   Function) costs more at start-up than it saves.
 * - memoizer: zod's default gives containers cycle support (a recursive schema, z.lazy, parsing
 *   an input that refers back to itself). No schema of tcon is recursive (tested:
 *   test/config/validation.test.ts), and there the default only walks each schema on its first
 *   parse to find that out (1-3 ms of a cold start) before unwrapping itself. This one does
 *   nothing, which is what the default ends up doing on schemas without a cycle.
 */
import * as z from 'zod';

const noMemoizer: z.core.$ZodMemoizer = {
  attach() {},
  guard() {},
  alloc: (_inst, _payload, empty) => empty,
};

z.config({ jitless: true, memoizer: noMemoizer });
