import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const entry = (name: string) => fileURLToPath(new URL(`./${name}.ts`, import.meta.url));

/** Bundles an entry for the browser as the web pages' bundler would; esbuild refuses any node: module. */
async function bundleForBrowser(name: string) {
  return build({
    entryPoints: [entry(name)],
    bundle: true,
    write: false,
    platform: "browser",
    format: "esm",
    metafile: true,
    logLevel: "silent",
  });
}

describe("the browser entry", () => {
  it("bundles for a browser: no node: module and no pseudonymiser (whose key stays on the server)", async () => {
    const result = await bundleForBrowser("browser");
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.endsWith("pseudonyms/pseudonymizer.ts"))).toBe(false);
    expect(inputs.filter((path) => path.startsWith("node:"))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/createHmac|node:crypto/);
    expect(code).toContain("the last digit does not match");
  });

  it("is a real check: the whole domain, pseudonymiser included, does not bundle for a browser", async () => {
    await expect(bundleForBrowser("index")).rejects.toThrow(/node:crypto/);
  });
});
