import { randomUUID } from "node:crypto";
import type { ReactElement } from "react";
import type { DigestEmail, DigestLine, EmailFooter } from "@/lib/notify/email-models";
import Digest, { DigestLineView } from "./digest";

type StaticRender = (element: ReactElement) => string;

/**
 * A digest's markup, exactly as React renders the template, at a fraction of the cost: a digest is mostly its
 * lines (20 in a busy one, each a handful of React Email components), so each line's markup is rendered once per
 * look (new or not, and its accent) with marked fields, and filled in for every line after that. Everything else
 * is rendered as usual.
 */
export function renderDigestMarkup(email: DigestEmail & { footer: EmailFooter }, render: StaticRender): string {
  const lines: string[] = [];
  const placeholder = (line: DigestLine, accent: string) => {
    lines.push(lineMarkup(line, accent, render));
    return `${PLACEHOLDER}${lines.length - 1}${END}`;
  };
  const markup = render(<Digest {...email} renderLine={placeholder} />);
  return markup.replace(PLACEHOLDERS, (_, index: string) => lines[Number(index)]!);
}

// Private-use characters around a per-process nonce: no alert message or name can forge a placeholder.
const PLACEHOLDER = `\uE000${randomUUID()}:`;
const END = "\uE001";
const PLACEHOLDERS = new RegExp(`${PLACEHOLDER}(\\d+)${END}`, "g");
const FIELD = /\uE002(url|title|message|meta)\uE003/;
type Field = "url" | "title" | "message" | "meta";

/** Per look of a line: its markup split around its fields, [markup, field, markup, field, …, markup]. */
const compiled = new Map<string, string[]>();

function lineMarkup(line: DigestLine, accent: string, render: StaticRender): string {
  // React blocks javascript: URLs in href; a line whose URL is not plainly http(s) is rendered by React itself.
  if (!/^https?:\/\//i.test(line.url)) return render(<DigestLineView line={line} accent={accent} />);
  const look = `${accent}|${line.isNew}`;
  let parts = compiled.get(look);
  if (!parts) {
    const mark = (field: Field) => `\uE002${field}\uE003`;
    const marked = { url: mark("url"), title: mark("title"), message: mark("message"), meta: mark("meta"), isNew: line.isNew };
    parts = render(<DigestLineView line={marked} accent={accent} />).split(FIELD);
    compiled.set(look, parts);
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += escapeHtml(line[parts[i] as Field]) + parts[i + 1]!;
  return out;
}

const HTML_ESCAPES: Record<string, string> = { '"': "&quot;", "&": "&amp;", "'": "&#x27;", "<": "&lt;", ">": "&gt;" };

/** React's escaping of text and attribute values, character for character. */
function escapeHtml(value: string): string {
  return value.replace(/["&'<>]/g, (c) => HTML_ESCAPES[c]!);
}
