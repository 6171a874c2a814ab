import type * as vscode from 'vscode';
import { problemDiagnostics, syntaxDiagnostics, type ApplyDiagnostics } from './diagnostics';
import type { EditProblem } from './editModel';
import { parseJsonWithLocations, type ParsedJson } from './jsonLocations';

export type CheckedText =
  | { readonly ok: true; readonly value: unknown; readonly json: ParsedJson }
  | { readonly ok: false; readonly messages: readonly string[] };

/** Parses a document's text; a syntax error becomes a diagnostic and a message, before anything is sent. */
export function parseForApply(diagnostics: ApplyDiagnostics, uri: vscode.Uri, text: string): CheckedText {
  const parsed = parseJsonWithLocations(text);
  if (parsed.ok) return { ok: true, value: parsed.json.value, json: parsed.json };
  diagnostics.set(uri, syntaxDiagnostics(text, parsed.errors));
  return { ok: false, messages: [`The document is not valid JSON (${parsed.errors[0]?.message ?? 'syntax error'})`] };
}

/** Shows problems found on a parsed document and returns their messages. */
export function reportProblems(diagnostics: ApplyDiagnostics, uri: vscode.Uri, text: string, json: ParsedJson, problems: readonly EditProblem[]): string[] {
  diagnostics.set(uri, problemDiagnostics(text, json, problems));
  return problems.map((p) => p.message);
}
