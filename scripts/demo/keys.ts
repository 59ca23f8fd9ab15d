import { addToApiKeysFile, createApiKey, type Role } from "@relief-ledger/http";

type Scope = { role: Role; cboId?: string; donorId?: string };

// Keys start makes for its own loading carry this label, so they can be told from the printed ones.
export const LOADER_LABEL = "demo-loader";

/** Adds a key to the keys file (only its hash is written) and returns its token. */
export function addKey(keysFile: string, scope: Scope, label = LOADER_LABEL): string {
  const { token, record } = createApiKey({ ...scope, label });
  addToApiKeysFile(keysFile, record);
  return token;
}

/** One key per role, for the person trying the demo: printed once, then only their hashes remain. */
export function createRoleKeys(keysFile: string, scope: { cboId: string; donorId: string }): Record<Role, string> {
  const scopes: Scope[] = [
    { role: "admin" },
    { role: "cbo", cboId: scope.cboId },
    { role: "donor", donorId: scope.donorId },
    { role: "auditor" },
  ];
  return Object.fromEntries(scopes.map((s) => [s.role, addKey(keysFile, s, "demo")])) as Record<Role, string>;
}
