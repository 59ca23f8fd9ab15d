import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@relief-ledger/source"] },
  ssr: { resolve: { conditions: ["@relief-ledger/source"] } },
  test: {
    include: ["{packages,services,scripts}/**/src/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
    reporters: ["default", "./scripts/ci/summary-reporter.ts"],
  },
});
