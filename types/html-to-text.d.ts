// html-to-text ships no types; Fixline uses only `compile`, the converter React Email's plain-text render builds per call.
declare module "html-to-text" {
  export function compile(options?: Record<string, unknown>): (html: string) => string;
}
