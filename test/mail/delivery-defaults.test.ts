import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, END_OF_DATA_TIMEOUT_MS, retryPolicy, STEP_TIMEOUT_MS } from '../../src/adapters/delivery-defaults.js';
import { connectionOptions, connectionPlan } from '../../src/adapters/smtp.js';
import { tcon } from '../helpers/cli.js';

// One set of delivery defaults (src/adapters/delivery-defaults.ts): the CLI's option defaults,
// the delivery loop's and the SMTP transport's are the same numbers.
describe('one set of retry and timeout defaults', () => {
  it("five attempts, 1 s doubling up to 30 s; a step 30 s, the end of data RFC 5321's 10 minutes", () => {
    expect(DEFAULT_RETRY).toEqual({ attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 });
    expect(STEP_TIMEOUT_MS).toBe(30_000);
    expect(END_OF_DATA_TIMEOUT_MS).toBe(10 * 60 * 1000);
    expect(retryPolicy({})).toEqual(DEFAULT_RETRY);
    expect(retryPolicy({ attempts: 2, baseDelayMs: 1 })).toEqual({ attempts: 2, baseDelayMs: 1, maxDelayMs: DEFAULT_RETRY.maxDelayMs });
  });

  it.each(['invite', 'cancel', 'remind'])('tcon %s --help shows the same defaults', async (command) => {
    const help = (await tcon([command, '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(new RegExp(`--retries <n> [^-]*\\(default: ${DEFAULT_RETRY.attempts}\\)`));
    expect(help).toMatch(new RegExp(`--retry-delay <ms> [^-]*\\(default: ${DEFAULT_RETRY.baseDelayMs}\\)`));
    expect(help).toMatch(new RegExp(`--timeout <ms> .*?\\(default: ${STEP_TIMEOUT_MS}\\)`));
    expect(help).toMatch(new RegExp(`--data-timeout <ms> .*?\\(default: ${END_OF_DATA_TIMEOUT_MS}\\)`));
  });

  it('the SMTP connection without a timeout set takes the step default', async () => {
    const s = { url: 'smtp://127.0.0.1:2525', user: undefined, password: undefined, insecure: false, ca: undefined };
    const o = connectionOptions(s, await connectionPlan(s), '127.0.0.1');
    expect([o.connectionTimeout, o.greetingTimeout]).toEqual([STEP_TIMEOUT_MS, STEP_TIMEOUT_MS]);
  });
});
