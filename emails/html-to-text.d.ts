// html-to-text ships no types (react-email uses @types/html-to-text only to build): the one
// function emails/render.ts calls.
declare module "html-to-text" {
  /** A converter for these options, to call for every HTML document. */
  export function compile(options?: Record<string, unknown>): (html: string) => string;
}
