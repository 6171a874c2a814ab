import * as vscode from 'vscode';

/** How a live resource compares with the workspace's Terraform, as its row and hover show it. */
export interface DriftMark {
  readonly status: 'equal' | 'changed';
  /** Where the resource block is: "infra/zero-trust.tf:12" (no line when it was not found). */
  readonly where: string;
  readonly address: string;
  /** "interval: 10m in Terraform, 6h live", one per literal that differs. */
  readonly differences: readonly string[];
  /** Attributes whose Terraform value is an expression, not compared. */
  readonly expressions: readonly string[];
}

/**
 * The last "Compare with Terraform", by live resource: rows whose live value differs from the workspace are marked,
 * and every matched row's hover names the file and line that declares it. Replaced by the next comparison.
 */
export class DriftMarks implements vscode.Disposable {
  private marks = new Map<string, DriftMark>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  static key(accountId: string, familyId: string, resourceId: string): string {
    return `${accountId}/${familyId}/${resourceId}`;
  }

  replace(marks: ReadonlyMap<string, DriftMark>): void {
    this.marks = new Map(marks);
    this.changed.fire();
  }

  get(accountId: string, familyId: string, resourceId: string): DriftMark | undefined {
    return this.marks.size === 0 ? undefined : this.marks.get(DriftMarks.key(accountId, familyId, resourceId));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
