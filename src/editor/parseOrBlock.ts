import type * as vscode from 'vscode';
import type { Services } from '../services/services';
import { problemDiagnostics, syntaxDiagnostics } from './diagnostics';
import type { EditProblem } from './editModel';
import { parseJsonWithLocations } from './jsonLocations';
import { SaveBlocked } from './saveErrors';

export interface ParsedDocument {
  readonly value: unknown;
  diagnostics(problems: readonly EditProblem[]): vscode.Diagnostic[];
}

/** Parses a document; on a syntax error shows it as a diagnostic and refuses the save before anything is sent. */
export function parseOrBlock(services: Services, uri: vscode.Uri, text: string): ParsedDocument {
  const parsed = parseJsonWithLocations(text);
  if (!parsed.ok) {
    services.diagnostics.set(uri, syntaxDiagnostics(text, parsed.errors));
    throw new SaveBlocked(`The document is not valid JSON (${parsed.errors[0]?.message ?? 'syntax error'}); nothing was sent.`);
  }
  return { value: parsed.json.value, diagnostics: (problems) => problemDiagnostics(text, parsed.json, problems) };
}
