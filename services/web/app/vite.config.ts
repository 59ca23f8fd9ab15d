import { fileURLToPath } from "node:url";
import { defaultClientConditions, defineConfig } from "vite";

// The pages are built into the web service's dist/app, which it serves; nothing is inlined,
// so the Content-Security-Policy can forbid inline scripts and styles.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  // Workspace packages are bundled from their TypeScript sources (the condition their package.json
  // exports name), so the pages need no prior build of, e.g., @relief-ledger/audit/portable.
  resolve: { conditions: ["@relief-ledger/source", ...defaultClientConditions] },
  build: {
    outDir: fileURLToPath(new URL("../dist/app", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1200,
  },
});
