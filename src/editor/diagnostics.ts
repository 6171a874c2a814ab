import * as vscode from 'vscode';
import type { EditProblem } from './editModel';
import { type JsonSyntaxError, type ParsedJson } from './jsonLocations';
import { positionAt } from './textPositions';

export const DIAGNOSTIC_SOURCE = 'Cloudflare ZT';

/** Problems of a document as diagnostics on the exact JSON ranges they are about. */
export function problemDiagnostics(text: string, json: ParsedJson, problems: readonly EditProblem[]): vscode.Diagnostic[] {
  return problems.map((problem) => {
    const span = problem.onKey ? json.keySpanOf(problem.path) : json.spanOf(problem.path);
    return diagnostic(text, span.offset, span.length, problem.message);
  });
}

export function syntaxDiagnostics(text: string, errors: readonly JsonSyntaxError[]): vscode.Diagnostic[] {
  return errors.map((e) => diagnostic(text, e.offset, e.length, `This is not valid JSON here: ${e.message}`));
}

function diagnostic(text: string, offset: number, length: number, message: string): vscode.Diagnostic {
  const start = positionAt(text, offset);
  const end = positionAt(text, offset + Math.max(length, 1));
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Error);
  d.source = DIAGNOSTIC_SOURCE;
  return d;
}

/**
 * The apply check's diagnostics, without repeating VS Code's live schema check: the JSON language service already
 * marks what the generated schema can express (with the same field messages), so an apply-time problem on a range
 * it already marks is left out. Its diagnostics arrive on their own schedule, so the filter is run again whenever
 * they change, not only when the apply check sets its own.
 */
export class ApplyDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('cloudflareZt');
  /** Everything the apply check found, per document; what is shown is this minus what the schema check shows. */
  private readonly found = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
  private readonly subscription = vscode.languages.onDidChangeDiagnostics((event) => {
    for (const uri of event.uris) if (this.found.has(uri.toString())) this.publish(uri);
  });

  set(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): void {
    this.found.set(uri.toString(), { uri, diagnostics });
    this.publish(uri);
  }

  delete(uri: vscode.Uri): void {
    this.found.delete(uri.toString());
    this.collection.delete(uri);
  }

  private publish(uri: vscode.Uri): void {
    const own = this.found.get(uri.toString())?.diagnostics ?? [];
    const schema = vscode.languages.getDiagnostics(uri).filter((d) => d.source !== DIAGNOSTIC_SOURCE);
    const shown = own.filter((d) => !schema.some((s) => s.range.intersection(d.range) !== undefined && s.range.start.line === d.range.start.line));
    const current = this.collection.get(uri) ?? [];
    // Setting the collection fires onDidChangeDiagnostics again: only set when something changed.
    if (current.length === shown.length && current.every((d, i) => sameDiagnostic(d, shown[i]))) return;
    this.collection.set(uri, shown);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

function sameDiagnostic(a: vscode.Diagnostic, b: vscode.Diagnostic | undefined): boolean {
  return b !== undefined && a.message === b.message && a.range.isEqual(b.range);
}
