import * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { hasDependents } from '../families/usedBy';
import { usedByText } from '../ui/usedByText';
import type { ConfirmDeps } from './services';

/** What a disable or delete confirmation says about the resource's users, and whether any of them depends on it. */
export interface UsersSaid {
  readonly text: string;
  readonly dependents: boolean;
}

/**
 * Looks up what uses a resource before a confirmation (the first time, its related lists are read, with a
 * progress notification; then they are kept with the account). A failure to read them never blocks the action: the
 * text says what could not be checked and why. Undefined for families nothing can use.
 */
export async function usersOf(services: ConfirmDeps, family: FamilyDescriptor, accountId: string, resource: ResourceBase): Promise<UsersSaid | undefined> {
  if (!family.usedBy) return undefined;
  const known = services.usedBy.peek(accountId, family, resource);
  const report = known ?? await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking what uses "${family.displayName(resource)}"…` },
    () => services.usedBy.load(accountId, family, resource),
  );
  if (!report) return undefined;
  return { text: usedByText(report, services.session.accountById(accountId)?.name), dependents: hasDependents(report.groups) || report.failures.length > 0 };
}
