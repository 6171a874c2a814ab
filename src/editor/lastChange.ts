import { actorOf, interfaceOf, resourceHistory } from '../families/related/auditLog';
import { localTime, relativeTime } from '../ui/time';
import type { EditorDeps } from './editorDeps';

/** How long the conflict dialog waits for the audit log: it is a courtesy, never a reason to hold the dialog up. */
const LOOKUP_MS = 2000;

/**
 * "Changed by another.admin@example.com through the dashboard, 3 minutes ago (…)": the newest change the audit log
 * has for the resource, or undefined when it cannot say in time (no permission, a failure, nothing logged).
 */
export async function lastChangeOf(services: Pick<EditorDeps, 'session'>, accountId: string, resourceId: string): Promise<string | undefined> {
  const lookup = (async () => {
    const [entry] = await resourceHistory(await services.session.context(accountId), resourceId, { limit: 1, timeoutMs: LOOKUP_MS });
    if (!entry) return undefined;
    const time = entry.action?.time ? new Date(entry.action.time) : undefined;
    const when = time ? `, ${relativeTime(time)} (${localTime(time)})` : '';
    return `Changed by ${actorOf(entry)} through ${interfaceOf(entry)}${when}, says the audit log.`;
  })();
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), LOOKUP_MS + 500));
  return Promise.race([lookup.catch(() => undefined), timeout]);
}
