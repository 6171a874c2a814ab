import type { z } from 'zod';
import type { AccountContext } from '../api/types';
import type { FamilyUsedBy } from './usedBy';
import type { RelatedData, RelatedKey } from './related/sources';

/** The boolean a quick toggle flips, or none for families that have no on/off switch. */
export type ToggleField = 'enabled' | 'active';

/** What an account and a token need for a family, as Cloudflare names it (shown when one is missing). */
export interface FamilyAccess {
  /** The token permission Cloudflare lists for reading the family ("Zero Trust Read"). */
  readonly readPermission: string;
  /** The token permission Cloudflare lists for changing it ("Zero Trust Write"). */
  readonly writePermission: string;
  /** The product feature, for the "not available on this account" row: "Risk scoring". */
  readonly featureName: string;
  /** What the account needs to have it: "Enterprise Zero Trust". */
  readonly featureRequirement: string;
  /** Cloudflare's page about the feature (the row's "Learn more"). */
  readonly learnMoreUrl: string;
}

/** How a user creates a resource of a family: a command (its id under `cloudflareZt.`) that opens a draft. */
export interface FamilyCreate {
  readonly command: string;
  /** The command's title: "New risk scoring integration", "Enable a DLP integration entry". */
  readonly title: string;
  /** The placeholder of the picker that comes first (a variant, or the existing resource a switch acts on). */
  readonly pickPlaceholder?: string;
}

/** A look-up by a key other than the id (risk scoring by `reference_id`): one command each. */
export interface FamilyLookup<R extends ResourceBase> {
  /** The command's id under `cloudflareZt.` and its title. */
  readonly command: string;
  readonly title: string;
  /** What the input box asks for. */
  readonly prompt: string;
  find(ctx: AccountContext, key: string): Promise<R>;
}

/** A field of a resource that holds the id of a resource of another family. */
export interface FamilyReference {
  /** Dotted path in the resource: `input.connection_id`. */
  readonly field: string;
  /** The family the id belongs to. */
  readonly family: string;
  /** How the row says it: "reads". */
  readonly verb: string;
}

/** Every resource of every family has an id; the rest is family-specific. */
export interface ResourceBase {
  readonly id: string;
}

/** The CRUD surface of a family, as typed functions over the shared client. */
export interface FamilyOperations<R extends ResourceBase, C, U> {
  list(ctx: AccountContext): Promise<R[]>;
  get(ctx: AccountContext, id: string): Promise<R>;
  create(ctx: AccountContext, body: C): Promise<R>;
  update(ctx: AccountContext, id: string, body: U): Promise<R>;
  /** Resolves when the server accepted the delete (DLP integration entries: a server no-op). */
  remove(ctx: AccountContext, id: string): Promise<void>;
}

/**
 * One family of Zero Trust integrations, as data. The tree, the editor and the commands are generic
 * over this; adding a family is one new file that exports one of these and one line in the registry.
 */
export interface FamilyDescriptor<R extends ResourceBase = ResourceBase, C = unknown, U = unknown, Id extends string = string> {
  /** The family's key everywhere (view ids, document URIs, schema file names); the registry's FamilyId unions these. */
  readonly id: Id;
  /** Plural, for sentences: "Risk scoring integrations". */
  readonly title: string;
  /** Singular, for prompts: "risk scoring integration". */
  readonly singular: string;
  /** The sidebar view's name: "Risk Scoring Integrations". */
  readonly viewName: string;
  /** How a user creates one; absent when Cloudflare offers no create. */
  readonly create?: FamilyCreate;
  /** Look-ups by other keys, each a command (in the palette and the view's menu). */
  readonly lookups?: readonly FamilyLookup<R>[];
  /** Where Cloudflare's delete does nothing (canDelete false): why, in a sentence naming the resource. */
  noDeleteReason?(name: string): string;
  /** A variant's name for people ("CrowdStrike"); the raw variant ("crowdstrike_s2s") is shown beside it. */
  variantLabel?(variant: string): string;
  readonly schemas: {
    /** What the server returns; tolerant of unknown fields. */
    readonly resource: z.ZodType<R>;
    /** What POST accepts; strict. */
    readonly create: z.ZodType<C>;
    /** What PUT / PATCH accepts; strict. */
    readonly update: z.ZodType<U>;
    /**
     * The live document as the editor shows it (the resource, with placeholders for write-only secrets):
     * editable fields typed as the update accepts them, read-only ones annotated. Only turned into the
     * `<family>.edit.schema.json` that `contributes.jsonValidation` points at; saves validate with `update`.
     */
    readonly edit: z.ZodType;
  };
  readonly updateMethod: 'PUT' | 'PATCH';
  /** Top-level fields the server owns; changing them in an editor is an error, not a silent drop. */
  readonly readOnlyFields: readonly string[];
  /**
   * Dotted paths of write-only secrets for a resource (device posture `config.client_secret` etc.):
   * never shown back, accepted on write only.
   */
  writeOnlyFields(resource: R | undefined, variant?: string): readonly string[];
  readonly toggleField?: ToggleField;
  /** False where the server's delete is a no-op (DLP integration entries). */
  readonly canDelete: boolean;
  /** Variants a draft can start from (device posture types); empty for single-shape families. */
  readonly templateVariants: readonly string[];
  /** A create body a user can fill in; valid against `schemas.create` once its placeholders are filled. */
  createTemplate(variant?: string): C;
  /** Body that flips the toggle, echoing whatever the endpoint would otherwise overwrite. */
  toggleBody?(resource: R, value: boolean): U;
  displayName(resource: R): string;
  readonly operations: FamilyOperations<R, C, U>;

  // --- What the editor and the tree need (data, not UI code) ---

  /** Top-level fields a user may change in the editor; everything else in the document is read-only. */
  readonly editableFields: readonly string[];
  /** Family rules beyond the update schema (e.g. changing a posture `type` needs a new `config`). */
  checkEdit?(base: R, edited: Readonly<Record<string, unknown>>, changedFields: readonly string[]): { path: (string | number)[]; message: string }[];
  /** File-name suffix of its documents (`<name>.<suffix>.json`), matched by `contributes.jsonValidation`. */
  readonly documentSuffix: string;
  /**
   * A codicon id for rows that have no on/off state to show, so a list of them is not a column of one icon (device
   * posture: one per vendor). Rows with a state show the state instead.
   */
  iconOf?(resource: R): string;
  /** The row description, and the on/off state the row's icon shows (undefined: no toggle). */
  describe(resource: R): { readonly text: string; readonly on?: boolean };
  /**
   * Rows grouped under a parent (DLP entries by profile). The group names come from a related list (`labels.from`),
   * read with the account's first list and kept: a refresh reads it again only when a listed resource names a group
   * it lacks; "Refresh <groupNoun>s" reads it on demand.
   */
  readonly grouping?: {
    groupOf(resource: R): string;
    readonly labels: GroupLabelSource;
    readonly ungroupedLabel: string;
    /** What a group is, for pickers that name it beside a resource: "DLP profile". */
    readonly groupNoun: string;
    /** The label of a group whose name did not load ("Profile 1a2b3c4d…"). */
    unknownGroupLabel(key: string): string;
  };
  /**
   * The API routes of the family under `/accounts/{id}/` (`zt_risk_scoring/integrations`): a failure on one of them
   * is explained in this family's terms (its permissions and feature), wherever it happened.
   */
  readonly routes: readonly string[];
  /**
   * Fields that name a resource of another family (a posture rule's `input.connection_id` names the integration it
   * reads): rows show that resource's name, "reads Corp CrowdStrike".
   */
  readonly references?: readonly FamilyReference[];
  /**
   * What uses a resource of this family (the posture rules that read an integration, and what requires those rules):
   * shown under its row and named in every disable and delete confirmation. Absent: nothing can use it.
   */
  readonly usedBy?: FamilyUsedBy<R>;
  /** Permissions and the feature this family needs (source: the official OpenAPI's `x-api-token-group`, Cloudflare docs). */
  readonly access: FamilyAccess;
  /**
   * The provider and the fields a user should check when Cloudflare says the provider refused the credentials it
   * was sent (device posture: the config fields of the type). Absent where Cloudflare checks no third-party credentials.
   */
  providerCredentials?(document: unknown): { readonly provider: string; readonly fields: readonly string[] };
  /** Where the family lives in the Zero Trust dashboard, after `https://one.dash.cloudflare.com/<account>/`. */
  readonly dashboardPath: string;
  /**
   * Whether the editor may change this resource. False for one it cannot edit safely (a device posture type the
   * extension does not know): it opens read-only. Absent: always editable.
   */
  isEditable?(resource: R): boolean;
  /** For families whose "create" switches an existing resource (DLP): the draft for that resource. */
  templateFor?(existing: R): C;
}

/** Where a family's group names come from: a related list, and each group key's name in it. */
export type GroupLabelSource = {
  readonly [K in RelatedKey]: { readonly from: K; namesIn(list: RelatedData[K]): ReadonlyMap<string, string> };
}[RelatedKey];
