import { findDrift, type DriftReport, type LiveResources } from './drift';
import { HclParseError, parseHcl } from './hclParser';
import type { ParsedTerraformFile } from './workspaceBlocks';

// "Compare with Terraform" from file texts: parses each file (loading the parser on first use) and compares. A file
// that does not parse is reported and skipped; the others are still compared.

export interface TerraformFileText {
  /** How reports and hovers name it: a workspace-relative path reads best. */
  readonly path: string;
  readonly text: string;
}

export async function compareWithTerraform(files: readonly TerraformFileText[], live: LiveResources): Promise<DriftReport> {
  const parsed: ParsedTerraformFile[] = [];
  const errors: { file: string; message: string }[] = [];
  // One after another: the parser is a single WebAssembly instance, so parallel calls would only queue.
  for (const file of files) {
    try {
      parsed.push({ ...file, json: await parseHcl(file.path, file.text) });
    } catch (error) {
      if (!(error instanceof HclParseError)) throw error;
      errors.push({ file: file.path, message: error.message });
    }
  }
  return { resources: findDrift(parsed, live), errors };
}
