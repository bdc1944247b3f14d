// Every word a person sees or hears comes from the catalogues (messages/<locale>.json), so every
// page and email exists in the six languages. This test parses every .ts/.tsx file under app/,
// components/ and emails/ with the TypeScript compiler and fails on words written in the code:
// JSX text with a letter of any script; string literals (and the literal parts of template
// literals) with a letter in JSX attributes and props people see or hear, in page metadata
// (metadata / generateMetadata titles and descriptions), and in HTTP response bodies.
// Text that comes from data (a meeting's title, an email's subject) is not a literal: not checked.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["app", "components", "emails"];

/**
 * Literals allowed to hold letters: file (relative to the root), the exact text, and why.
 * Keep it short; anything people read belongs in messages/<locale>.json.
 */
const ALLOWED: ReadonlyArray<{ file: string; text: string; reason: string }> = [
  // (none at present: "Quorum" is common.appName; format-only strings such as "–", "·", "…" and
  // ": " have no letter; and app/dev/**, although a developer tool served only on a loopback HOST
  // (lib/env.ts), reads its words from the `mailbox` catalogue like every other page.)
];

const LETTER = /\p{L}/u;
/** Format placeholders are not words: "%s" in a metadata title template. */
const PLACEHOLDERS = /%s/g;

/** Attributes HTML gives to people: shown, spoken by screen readers, or offered as a tooltip. */
const VISIBLE_ATTRIBUTES = new Set([
  "aria-label",
  "aria-description",
  "aria-roledescription",
  "aria-placeholder",
  "aria-valuetext",
  "title",
  "placeholder",
  "alt",
  "label",
]);
/** Props of this project's components that are rendered as text (TextField, ErrorMessage, EmailLayout, MeetingForm…). */
const VISIBLE_PROPS = new Set(["hint", "errorLabel", "message", "submitLabel", "preview", "footer", "heading", "caption", "legend"]);
/** Metadata fields that end up in the page's <title>, description or share previews. */
const METADATA_FIELDS = new Set(["title", "description", "default", "template", "absolute", "applicationName", "siteName"]);

type Finding = { line: number; where: string; text: string };

/** Strips HTML entities (&nbsp;, &#8212;) from JSX text: their names are not words. */
const withoutEntities = (text: string) => text.replaceAll(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, " ");

/**
 * The literal text an expression contributes where it stands: a string, the fixed parts of a
 * template, both branches of a condition, either side of ||, ?? and +, the right of &&. A call
 * (t("key"), list.join(" · ")) contributes no literal of its own: its arguments are not shown.
 */
function literalTexts(expression: ts.Expression): Array<{ node: ts.Node; text: string }> {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression))
    return [{ node: expression, text: expression.text }];
  if (ts.isTemplateExpression(expression))
    return [expression.head, ...expression.templateSpans.map((span) => span.literal)].map((part) => ({ node: part, text: part.text }));
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression))
    return literalTexts(expression.expression);
  if (ts.isConditionalExpression(expression)) return [...literalTexts(expression.whenTrue), ...literalTexts(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return literalTexts(expression.right);
    if (operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.PlusToken)
      return [...literalTexts(expression.left), ...literalTexts(expression.right)];
  }
  return [];
}

function tagName(attribute: ts.JsxAttribute): string {
  const element = attribute.parent.parent;
  return element.tagName.getText();
}

function attributeValue(attribute: ts.JsxAttribute, name: string): string | undefined {
  for (const other of attribute.parent.properties) {
    if (ts.isJsxAttribute(other) && other.name.getText() === name && other.initializer && ts.isStringLiteral(other.initializer))
      return other.initializer.text;
  }
  return undefined;
}

function isVisibleAttribute(attribute: ts.JsxAttribute): boolean {
  const name = attribute.name.getText();
  if (VISIBLE_ATTRIBUTES.has(name) || VISIBLE_PROPS.has(name)) return true;
  // A submit, reset or button input shows its value as its label; a meta tag's content is read by search engines and share previews.
  if (name === "value")
    return tagName(attribute) === "input" && ["submit", "reset", "button"].includes(attributeValue(attribute, "type") ?? "");
  if (name === "content") return tagName(attribute) === "meta";
  return false;
}

/** Every literal with a letter that people would see or hear, in one source file. */
function findLiteralStrings(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const findings: Finding[] = [];
  const report = (node: ts.Node, where: string, text: string) => {
    if (!LETTER.test(text.replaceAll(PLACEHOLDERS, ""))) return;
    findings.push({
      line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
      where,
      text: text.trim().replaceAll(/\s+/g, " "),
    });
  };
  const reportExpression = (expression: ts.Expression, where: string) => {
    for (const { node, text } of literalTexts(expression)) report(node, where, text);
  };

  const visitMetadata = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && METADATA_FIELDS.has(node.name.getText(file)))
      reportExpression(node.initializer, `metadata ${node.name.getText(file)}`);
    ts.forEachChild(node, visitMetadata);
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && !node.containsOnlyTriviaWhiteSpaces) report(node, "JSX text", withoutEntities(node.text));
    // {"text"} or {cond ? "a" : "b"} as a child of an element.
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)))
      reportExpression(node.expression, "JSX text");
    if (ts.isJsxAttribute(node) && node.initializer && isVisibleAttribute(node)) {
      const where = `${node.name.getText(file)} attribute`;
      if (ts.isStringLiteral(node.initializer)) report(node.initializer, where, node.initializer.text);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) reportExpression(node.initializer.expression, where);
    }
    if (ts.isVariableDeclaration(node) && node.name.getText(file) === "metadata" && node.initializer) visitMetadata(node.initializer);
    if (ts.isFunctionDeclaration(node) && node.name?.text === "generateMetadata" && node.body) visitMetadata(node.body);
    if (ts.isVariableDeclaration(node) && node.name.getText(file) === "generateMetadata" && node.initializer)
      visitMetadata(node.initializer);
    // new Response("Not found"): a body a browser shows.
    if (ts.isNewExpression(node) && node.expression.getText(file) === "Response" && node.arguments?.[0])
      reportExpression(node.arguments[0], "response body");
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry) && !entry.endsWith(".d.ts") ? [full] : [];
  });
}

describe("no user-visible string outside the catalogues", () => {
  it("no file under app/, components/ or emails/ writes words in JSX text, visible attributes, metadata or response bodies", () => {
    const violations: string[] = [];
    for (const full of SCANNED.flatMap((directory) => sourceFiles(path.join(ROOT, directory)))) {
      const file = path.relative(ROOT, full).split(path.sep).join("/");
      for (const finding of findLiteralStrings(file, readFileSync(full, "utf8"))) {
        if (ALLOWED.some((allowed) => allowed.file === file && allowed.text === finding.text)) continue;
        violations.push(`${file}:${finding.line} ${finding.where}: ${JSON.stringify(finding.text)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("finds words in JSX text, attributes, props, metadata and response bodies, in any script", () => {
    const source = `
      export const metadata = { title: "Dev mailbox", robots: { index: false } };
      export async function generateMetadata() { return { title: meeting?.shortName ?? "Not found" }; }
      export function Page() {
        return (
          <>
            <p>Hello</p>
            <p>{ok ? "Oui" : t("no")}</p>
            <button aria-label="Закрыть" className="button">{t("close")}</button>
            <TextField hint={\`\${count} bytes\`} name="email" />
            <input type="submit" value="إرسال" />
          </>
        );
      }
      export const GET = () => new Response("Not found", { status: 404 });`;
    expect(findLiteralStrings("example.tsx", source).map(({ where, text }) => `${where}: ${text}`)).toEqual([
      "metadata title: Dev mailbox",
      "metadata title: Not found",
      "JSX text: Hello",
      "JSX text: Oui",
      "aria-label attribute: Закрыть",
      "hint attribute: bytes",
      "value attribute: إرسال",
      "response body: Not found",
    ]);
  });

  it("lets through translated text, data, class names, keys and format-only punctuation", () => {
    const source = `
      export async function generateMetadata() { const t = await getTranslations("common"); return { title: { template: \`%s – \${t("appName")}\`, default: "" } }; }
      export function Page() {
        return (
          <nav aria-label={t("pages")} className="pagination">
            <a href="/admin" rel="next">{t("next")}</a> · <span>{count || "–"}</span>
            <li aria-hidden="true">…</li>
            <input type="checkbox" value="yes" id="notify" />
            <iframe title={\`\${t("htmlPart")}: \${subject}\`} sandbox="" />
            {meeting.title}&nbsp;
          </nav>
        );
      }`;
    expect(findLiteralStrings("example.tsx", source)).toEqual([]);
  });
});
