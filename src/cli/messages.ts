/**
 * Every user-facing message of the command line, written once as a function of its arguments
 * (as src/config/messages.ts is for the config): usage errors, warnings and summaries. A test
 * (test/cli/messages.test.ts) checks that src/cli throws no UsageError with inline text.
 */
export const say = {
  configErrors: (n: number) => `${n} error${n === 1 ? '' : 's'} in the configuration`,
};
