// Wire shapes of SCIM 2.0 (RFC 7643 resources, RFC 7644 messages) as this console sends and reads them.
// Servers add and drop attributes freely, so every resource keeps an index signature for the rest.

/** Core User schema URN. */
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
/** Core Group schema URN. */
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
/** Enterprise User extension URN (department, employeeNumber, manager...). */
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/** ServiceProviderConfig schema URN. */
export const SERVICE_PROVIDER_CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
/** ResourceType schema URN. */
export const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
/** ListResponse message URN. */
export const LIST_RESPONSE_MESSAGE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
/** PatchOp message URN. */
export const PATCH_OP_MESSAGE = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/** SearchRequest message URN. */
export const SEARCH_REQUEST_MESSAGE = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
/** Error message URN. */
export const ERROR_MESSAGE = "urn:ietf:params:scim:api:messages:2.0:Error";
/** Media type sent as Content-Type. */
export const SCIM_MEDIA_TYPE = "application/scim+json";

/** `meta` as servers return it; every field is optional because servers (Slack) send only some. */
export interface ScimMeta {
  resourceType?: string;
  created?: string;
  lastModified?: string;
  location?: string;
  version?: string;
}

/** One value of a multi-valued attribute such as `emails` or `phoneNumbers`. */
export interface ScimMultiValue {
  value?: string;
  type?: string;
  primary?: boolean;
  display?: string;
  [key: string]: unknown;
}

/** The `name` complex attribute. */
export interface ScimName {
  formatted?: string;
  familyName?: string;
  givenName?: string;
  middleName?: string;
  honorificPrefix?: string;
  honorificSuffix?: string;
}

/** The enterprise extension object (Slack sends `manager.managerId` instead of `manager.value`). */
export interface ScimEnterpriseUser {
  employeeNumber?: string;
  costCenter?: string;
  organization?: string;
  division?: string;
  department?: string;
  manager?: { value?: string; $ref?: string; displayName?: string; managerId?: string };
}

/** A SCIM User resource. */
export interface ScimUser {
  schemas: string[];
  id?: string;
  externalId?: string;
  meta?: ScimMeta;
  userName: string;
  name?: ScimName;
  displayName?: string;
  nickName?: string;
  profileUrl?: string;
  title?: string;
  userType?: string;
  preferredLanguage?: string;
  locale?: string;
  timezone?: string;
  active?: boolean;
  emails?: ScimMultiValue[];
  phoneNumbers?: ScimMultiValue[];
  groups?: ScimMultiValue[];
  [key: string]: unknown;
}

/** One member of a Group. */
export interface ScimGroupMember {
  value: string;
  $ref?: string;
  type?: "User" | "Group";
  display?: string;
}

/** A SCIM Group resource. */
export interface ScimGroup {
  schemas: string[];
  id?: string;
  externalId?: string;
  meta?: ScimMeta;
  displayName: string;
  members?: ScimGroupMember[] | null;
  [key: string]: unknown;
}

/** A page of a query, with the numbers already coerced to integers. */
export interface ListPage<T> {
  totalResults: number;
  itemsPerPage: number;
  startIndex: number;
  resources: T[];
}

/** The ListResponse message as it arrives (numbers may be strings on the wire). */
export interface ListResponse<T> {
  schemas: string[];
  totalResults: number | string;
  itemsPerPage?: number | string;
  startIndex?: number | string;
  Resources?: T[];
}

/** A PATCH operation; `op` is always sent lowercase. */
export interface PatchOperation {
  op: "add" | "remove" | "replace";
  path?: string;
  value?: unknown;
}

/** The PatchOp message. */
export interface PatchOp {
  schemas: [typeof PATCH_OP_MESSAGE];
  Operations: PatchOperation[];
}

/** A feature flag block of ServiceProviderConfig (servers sometimes send "true" as a string). */
export interface ScimSupported {
  supported?: boolean | string;
}

/** ServiceProviderConfig (RFC 7643 §5). */
export interface ServiceProviderConfig {
  schemas?: string[];
  documentationUri?: string;
  patch?: ScimSupported;
  bulk?: ScimSupported & { maxOperations?: number | string; maxPayloadSize?: number | string };
  filter?: ScimSupported & { maxResults?: number | string };
  changePassword?: ScimSupported;
  sort?: ScimSupported;
  etag?: ScimSupported;
  authenticationSchemes?: { type?: string; name?: string; description?: string; primary?: boolean }[];
  [key: string]: unknown;
}

/** ResourceType (RFC 7643 §6). */
export interface ScimResourceType {
  id?: string;
  name: string;
  endpoint: string;
  schema: string;
  description?: string;
  schemaExtensions?: { schema: string; required: boolean }[];
}
