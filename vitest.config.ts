import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20000,
    setupFiles: ['test/helpers/no-icu-zones.ts'],
  },
});
