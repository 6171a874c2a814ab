import * as vscode from 'vscode';
import type { EditProblem } from './editModel';
import { positionAt, type JsonSyntaxError, type ParsedJson } from './jsonLocations';

/** Problems of a document as diagnostics on the exact JSON ranges they are about. */
export function problemDiagnostics(text: string, json: ParsedJson, problems: readonly EditProblem[]): vscode.Diagnostic[] {
  return problems.map((problem) => {
    const span = problem.onKey ? json.keySpanOf(problem.path) : json.spanOf(problem.path);
    return diagnostic(text, span.offset, span.length, problem.message);
  });
}

export function syntaxDiagnostics(text: string, errors: readonly JsonSyntaxError[]): vscode.Diagnostic[] {
  return errors.map((e) => diagnostic(text, e.offset, e.length, `Invalid JSON: ${e.message}`));
}

function diagnostic(text: string, offset: number, length: number, message: string): vscode.Diagnostic {
  const start = positionAt(text, offset);
  const end = positionAt(text, offset + Math.max(length, 1));
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
  d.source = 'Cloudflare ZT';
  return d;
}
