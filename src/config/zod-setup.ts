/*
 * zod's global settings, made before any schema is (imported first by every module that makes
 * one: a container reads them when it is created, and holidays.ts makes its schemas before
 * schema.ts used to set them).
 *
 * jitless: a config is parsed once per run; zod's JIT (compiling each object schema with new
 * Function) costs more at start-up than it saves.
 */
import * as z from 'zod';

z.config({ jitless: true });
