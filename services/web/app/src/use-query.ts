import { useEffect, useState } from "preact/hooks";
import { ApiError, query } from "./api.js";

export type Loaded<T> = { state: "loading" } | { state: "failed"; error: ApiError } | { state: "ready"; data: T };

/** Reads a query API path, again whenever the path (or `version`, after a write) changes; the last answer wins. */
export function useQuery<T>(path: string | undefined, version = 0): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    setLoaded({ state: "loading" });
    query<T>(path).then(
      (data) => current && setLoaded({ state: "ready", data }),
      (error: unknown) =>
        current &&
        setLoaded({ state: "failed", error: error instanceof ApiError ? error : new ApiError(0, "error", "") }),
    );
    return () => {
      current = false;
    };
  }, [path, version]);
  return loaded;
}

/** Combines several loads: loading until all are ready, failed at the first failure. */
export function all<T extends unknown[]>(...loads: { [K in keyof T]: Loaded<T[K]> }): Loaded<T> {
  for (const load of loads) if (load.state === "failed") return load;
  if (loads.some((load) => load.state === "loading")) return { state: "loading" };
  return { state: "ready", data: loads.map((load) => (load as { data: unknown }).data) as T };
}
