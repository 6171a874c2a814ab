
/** A resource row; one object per resource id, reused across refreshes so VS Code can repaint just it. */
export interface ResourceNode {
  readonly kind: 'resource';
  readonly familyId: string;
  readonly accountId: string;
  readonly resourceId: string;
}

/** An account's row, the root of its resources when the views show several accounts. */
export interface AccountNode {
  readonly kind: 'account';
  readonly familyId: string;
  readonly accountId: string;
}

/** A group row (a family's grouping, e.g. entries by the profile that owns them). */
export interface GroupNode {
  readonly kind: 'group';
  readonly familyId: string;
  readonly accountId: string;
  readonly key: string;
  readonly label: string;
}

/**
 * Loading, empty, error and not-available rows: one per view, so one failing family never blanks the others.
 * An error row offers Retry when trying again can help, and Cloudflare's page when there is one.
 */
export interface MessageNode {
  readonly kind: 'message';
  readonly familyId: string;
  /** The account whose list this row is about (Retry reloads it); absent for rows about no account. */
  readonly accountId?: string;
  readonly tone: 'loading' | 'empty' | 'error' | 'unavailable';
  readonly label: string;
  readonly detail?: string;
  readonly retryable?: boolean;
  readonly docsUrl?: string;
  /** What a click does (Update token for a rejected token); else errors open the log. */
  readonly clickCommand?: string;
}

/**
 * A row under a resource saying what uses it (a posture rule that reads an integration), and under that what uses
 * the user in turn (the Access policies that require the rule); also the loading, "nothing", "not checked" and
 * "could not be checked" rows. Built from the used-by answer each time; `key` makes its id stable.
 */
export interface UsedByNode {
  readonly kind: 'usedBy';
  readonly familyId: string;
  readonly accountId: string;
  readonly resourceId: string;
  readonly key: string;
  readonly tone: 'loading' | 'user' | 'none' | 'note' | 'error';
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  /** The rows under this one (a rule's policies and Gateway rules). */
  readonly children?: readonly UsedByNode[];
}

export type TreeNode = AccountNode | ResourceNode | GroupNode | MessageNode | UsedByNode;
