import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["vitest.config.ts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      // Fastify's handlers and plugins, and implementations of a Promise-returning contract (the
      // event store), are async by design even when their body happens not to wait for anything.
      "@typescript-eslint/require-await": "off",
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // Tests read answers as parsed JSON (`any` from inject and fetch) and check them with `expect`,
    // which is the check; typing every body in a test would restate the route's schema.
    files: ["**/*.test.ts", "**/*.testkit.ts", "scripts/e2e/**"],
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  // Plain JavaScript here is configuration and a worker shim: no types to check.
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
  {
    // One CSV writer for files people open (formulas neutralised): packages/csv. The CLI's
    // submission chunks are the CBO's own cells passed on to ingest unchanged, so they may not be.
    ignores: ["packages/csv/**", "packages/cli/src/submit/send-chunks.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["csv-stringify", "csv-stringify/*"], message: "write CSV with @relief-ledger/csv" }] },
      ],
    },
  },
  {
    files: ["scripts/**"],
    rules: { "no-console": "off" },
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
