import type { UsedByEntry, UsedByGroup, UsedByNoun, UsedByReport } from '../families/usedBy';
import { explainFailure } from './errorText';
import { shortName } from './text';

// The used-by answer as sentences for a confirmation: `2 posture rules read this integration: "Corp laptops",
// "Contractors". 3 Access policies require them: …`. Users of users are merged across the first level (a policy
// that requires two of the rules is counted once).

/** Names shown per sentence; the rest are counted ("and 4 more"). */
const NAMES_SHOWN = 8;

function quoted(entries: readonly UsedByEntry[]): string {
  const names = entries.slice(0, NAMES_SHOWN).map((e) => `"${shortName(e.name)}"${e.note ? ` (${e.note})` : ''}`);
  const more = entries.length > NAMES_SHOWN ? ` and ${entries.length - NAMES_SHOWN} more` : '';
  return names.join(', ') + more;
}

function sentence(noun: UsedByNoun, entries: readonly UsedByEntry[]): string {
  const many = entries.length !== 1;
  return `${entries.length} ${many ? noun.many : noun.one} ${many ? noun.verbMany : noun.verbOne}: ${quoted(entries)}.`;
}

/** The groups of one depth, then the merged groups of their users, depth by depth. */
function levelSentences(groups: readonly UsedByGroup[]): string[] {
  if (groups.length === 0) return [];
  const out = groups.map((group) => sentence(group.noun, group.entries));
  const next = new Map<string, { noun: UsedByNoun; dependent: boolean; entries: Map<string, UsedByEntry> }>();
  for (const entry of groups.flatMap((g) => g.entries)) {
    for (const group of entry.users ?? []) {
      let merged = next.get(group.noun.many);
      if (!merged) next.set(group.noun.many, (merged = { noun: group.noun, dependent: group.dependent, entries: new Map() }));
      for (const user of group.entries) if (!merged.entries.has(user.id)) merged.entries.set(user.id, user);
    }
  }
  return [...out, ...levelSentences([...next.values()].map((m) => ({ noun: m.noun, dependent: m.dependent, entries: [...m.entries.values()] })))];
}

/**
 * Everything a disable or delete confirmation says about users: what uses it, what the API cannot check, and what
 * could not be read (with Cloudflare's code and message), so a failure never reads as "nothing uses it".
 */
export function usedByText(report: UsedByReport, accountName?: string): string {
  const lines = levelSentences(report.groups);
  if (lines.length === 0 && report.failures.length === 0) lines.push('Nothing the API lists uses it.');
  lines.push(...report.unchecked);
  for (const failure of report.failures) {
    const explained = explainFailure(failure.error, { what: `Reading ${failure.what}`, action: 'read', ...(failure.access ? { access: failure.access } : {}), ...(accountName ? { accountName } : {}) });
    lines.push(`${failure.what} could not be checked, so something may use it: ${explained.text}`);
  }
  return lines.join(' ');
}
