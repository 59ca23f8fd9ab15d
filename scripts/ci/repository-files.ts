import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const SKIPPED_DIRS = new Set([".git", "node_modules", "dist", "coverage"]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      return SKIPPED_DIRS.has(entry.name) || entry.name.startsWith(".data") ? [] : walk(join(dir, entry.name));
    }
    return entry.isFile() ? [relative(REPO_ROOT, join(dir, entry.name))] : [];
  });
}

/**
 * The repository's own files, relative to its root: what git tracks plus new files it does not
 * ignore, so a check sees a file before it is committed. Outside a git checkout (a source archive),
 * every file but dependencies, build output and data directories.
 */
export function repositoryFiles(): string[] {
  try {
    const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    // A tracked file deleted in the work tree is not there to check.
    return [...new Set(listed.split("\0").filter(Boolean))].filter((file) => existsSync(join(REPO_ROOT, file))).sort();
  } catch {
    return walk(REPO_ROOT).sort();
  }
}
