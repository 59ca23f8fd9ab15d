import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The pages are built into the web service's dist/app, which it serves; nothing is inlined,
// so the Content-Security-Policy can forbid inline scripts and styles.
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  build: {
    outDir: fileURLToPath(new URL("../dist/app", import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1200,
  },
});
