import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
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
