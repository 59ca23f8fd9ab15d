import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

// A small path router: the pages are few, and each is one entry in ROUTES (app.tsx).

export interface RouteProps {
  params: Record<string, string>;
}

export interface Route {
  /** "/donors/:donorId/funds/:fundId" — ":name" segments become params. */
  path: string;
  page: ComponentType<RouteProps>;
}

export function match(path: string, pattern: string): Record<string, string> | undefined {
  const want = pattern.split("/").filter(Boolean);
  const got = path.split("/").filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(got[i]!);
    else if (segment !== got[i]) return undefined;
  }
  return params;
}

/** The path `pattern` names with its `:name` segments filled from `values`; undefined if one is missing. */
export function fill(pattern: string, values: Partial<Record<string, string>>): string | undefined {
  const segments = pattern.split("/").map((segment) => {
    if (!segment.startsWith(":")) return segment;
    const value = values[segment.slice(1)];
    return value ? encodeURIComponent(value) : undefined;
  });
  return segments.includes(undefined) ? undefined : segments.join("/");
}

const listeners = new Set<() => void>();
export function navigate(to: string): void {
  history.pushState(null, "", to);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    window.addEventListener("popstate", update);
    return () => {
      listeners.delete(update);
      window.removeEventListener("popstate", update);
    };
  }, []);
  return path;
}

/** A link that changes page without reloading it; a modified click opens a new tab as usual. */
export function Link(props: { href: string; class?: string; children: preact.ComponentChildren }) {
  return (
    <a
      href={props.href}
      class={props.class}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}
