/**
 * Finds the file behind an SST handler string ("functions/api.handler") and whether that file exports
 * the named function, by reading its syntax (nothing is imported, so no AWS client or config is needed).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** The extensions SST's Node runtime tries, in its order. */
const HANDLER_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

export interface ResolvedHandler {
  /** Path relative to the root, e.g. "functions/api.ts"; undefined when no file exists. */
  file: string | undefined;
  exportName: string;
}

export function resolveHandler(root: string, handler: string): ResolvedHandler {
  const dot = handler.lastIndexOf(".");
  if (dot <= 0) throw new Error(`Handler "${handler}" is not of the form path/file.export.`);
  const base = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const file = HANDLER_EXTENSIONS.map((extension) => base + extension).find((path) => existsSync(join(root, path)));
  return { file, exportName };
}

/** `export` but not `export default` (a default export is not reachable by name). */
function hasExportModifier(node: ts.Node): boolean {
  const kinds = ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []).map((modifier) => modifier.kind) : [];
  return kinds.includes(ts.SyntaxKind.ExportKeyword) && !kinds.includes(ts.SyntaxKind.DefaultKeyword);
}

/** True when `source` exports a value called `name` at top level (declaration or export list). */
export function exportsName(source: string, name: string): boolean {
  const file = ts.createSourceFile("handler.ts", source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return file.statements.some((statement) => {
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      return hasExportModifier(statement) && statement.name?.text === name;
    }
    if (ts.isVariableStatement(statement)) {
      return (
        hasExportModifier(statement) &&
        statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name)
      );
    }
    if (ts.isExportDeclaration(statement) && !statement.isTypeOnly && statement.exportClause) {
      return (
        ts.isNamedExports(statement.exportClause) &&
        statement.exportClause.elements.some((element) => !element.isTypeOnly && element.name.text === name)
      );
    }
    return false;
  });
}

export function readSource(root: string, file: string): string {
  return readFileSync(join(root, file), "utf8");
}
