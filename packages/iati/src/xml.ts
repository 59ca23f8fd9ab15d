/**
 * A tiny XML writer: an element tree in, a string out. Every text node and attribute value is
 * escaped here and nowhere else, so no caller can forget to; a value with a character XML 1.0 cannot
 * carry (control characters) is refused rather than written, since free text never holds one.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string | undefined>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export const element = (
  name: string,
  attributes: Record<string, string | undefined> = {},
  ...children: (XmlNode | undefined)[]
): XmlElement => ({ name, attributes, children: children.filter((child) => child !== undefined) });

// Tab, newline and carriage return are the only control characters XML 1.0 allows.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function checked(value: string): string {
  if (FORBIDDEN.test(value)) throw new TypeError("a value holds a character XML cannot carry");
  return value;
}

export const escapeText = (value: string): string =>
  checked(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export const escapeAttribute = (value: string): string =>
  escapeText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");

function write(node: XmlNode, indent: string, out: string[]): void {
  if (typeof node === "string") {
    out.push(escapeText(node));
    return;
  }
  const attributes = Object.entries(node.attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join("");
  out.push(`${indent}<${node.name}${attributes}`);
  if (node.children.length === 0) {
    out.push("/>\n");
    return;
  }
  // Elements holding text stay on one line, so no whitespace is added to the text.
  if (node.children.every((child) => typeof child === "string")) {
    out.push(">");
    for (const child of node.children) write(child, "", out);
    out.push(`</${node.name}>\n`);
    return;
  }
  out.push(">\n");
  for (const child of node.children) write(child, `${indent}  `, out);
  out.push(`${indent}</${node.name}>\n`);
}

/** The document, with its XML declaration. */
export function renderXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, "", out);
  return out.join("");
}
