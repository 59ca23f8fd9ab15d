import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, isAbsolute } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIRS } from "../demo/data-dir.js";
import { REPO_ROOT, repositoryFiles } from "./repository-files.js";

// Built from parts so that this file does not match itself.
const OUTSIDE_REFERENCES = [new RegExp(["\\.\\.", "shared"].join("/")), new RegExp(["", "work", "shared"].join("/"))];

const files = repositoryFiles();
const textOf = (file: string): string | undefined => {
  const bytes = readFileSync(join(REPO_ROOT, file));
  return bytes.includes(0) ? undefined : bytes.toString("utf8");
};

describe("the repository stands alone", () => {
  it("lists its own files", () => {
    expect(files).toContain("README.md");
    expect(files).toContain("packages/audit/testdata/rfc6962/NOTICE");
    expect(files.some((file) => file.startsWith("node_modules/"))).toBe(false);
  });

  it("refers to nothing beside it (no path into a sibling shared/ directory)", () => {
    const offenders = files.filter((file) => {
      const text = textOf(file);
      return text !== undefined && OUTSIDE_REFERENCES.some((pattern) => pattern.test(text));
    });
    expect(offenders).toEqual([]);
  });

  it("links, in every Markdown file, only to files inside the repository that exist", () => {
    const broken: string[] = [];
    for (const file of files.filter((name) => name.endsWith(".md"))) {
      const text = (textOf(file) ?? "").replace(/```[\s\S]*?```/g, "");
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target!) || target!.startsWith("#")) continue; // URLs, anchors
        const path = decodeURIComponent(target!.split("#")[0]!);
        const resolved = normalize(join(dirname(file), path));
        const outside = resolved.startsWith("..") || isAbsolute(path);
        if (outside || !existsSync(join(REPO_ROOT, resolved))) broken.push(`${file} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe("the data directories `pnpm start` creates", () => {
  const dataFiles = Object.values(DEFAULT_DATA_DIRS).flatMap((dir) => [`${dir}/demo.json`, `${dir}/events.db`]);

  it.each(dataFiles)("are ignored by git: %s", (file) => {
    // check-ignore exits 0 when the path is ignored, 1 when it is not.
    const ignored = (() => {
      try {
        execFileSync("git", ["check-ignore", "-q", "--no-index", file], { cwd: REPO_ROOT, stdio: "ignore" });
        return true;
      } catch (error) {
        if ((error as { status?: number }).status === 1) return false;
        throw error;
      }
    })();
    expect(ignored).toBe(true);
  });

  it.each(dataFiles)("are left alone by the format check: %s", (file) => {
    // The CLI `pnpm format:check` runs, with its own default ignore files (.gitignore, .prettierignore).
    const prettier = join(REPO_ROOT, "node_modules/.bin/prettier");
    const info = JSON.parse(execFileSync(prettier, ["--file-info", file], { cwd: REPO_ROOT, encoding: "utf8" })) as {
      ignored: boolean;
    };
    expect(info.ignored).toBe(true);
  });

  it("are relative to the repository, so the checks above cover them", () => {
    for (const dir of Object.values(DEFAULT_DATA_DIRS)) expect(relative(".", dir)).toBe(dir);
  });
});

describe("the README's workspace table", () => {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const workspaces = files
    .filter((file) => /^(packages|services)\/[^/]+\/package\.json$/.test(file))
    .map((file) => dirname(file));

  it("finds the workspace packages", () => {
    expect(workspaces).toContain("packages/domain");
    expect(workspaces).toContain("services/ingest");
  });

  it.each(workspaces)("lists %s", (workspace) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${workspace}\` +\\|`, "m"));
  });
});
