/**
 * Typed client of the Answering Agent Partner API (reference §4): one method per
 * endpoint, no retries. Failures are thrown as `ApiError`s (see `errors.ts`).
 */
import { HttpTransport, ResponseShape } from './http.js';
import type { HttpMethod } from './http.js';
import { describeValue, resolveSettings } from './options.js';
import type { PartnerApiClientOptions } from './options.js';
import type {
  CreateLocationRequest,
  CreateOrganizationRequest,
  CreateOrganizationResponse,
  CreatePartnerLinkRequest,
  CreateUserRequest,
  CreateUserResponse,
  EmbedTokenResponse,
  GenerateEmbedTokenResponse,
  InvalidateEmbedTokenResponse,
  Location,
  Organization,
  PartnerLink,
  UpdateLocationRequest,
  UpdateOrganizationRequest,
  UpdateUserRequest,
  User,
} from './types.js';

/** Filter of the list endpoints that accept `?organization_id=`. */
export interface OrganizationFilter {
  organizationId?: number;
}

/**
 * Client of one Partner API base URL with one key. Call {@link close} when done.
 * Methods reject with an `ApiError` when a call fails; an invalid id or external id
 * is a programming error and throws a TypeError synchronously, before any request.
 */
export class PartnerApiClient {
  /** Normalised base URL, without a trailing slash. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly #transport: HttpTransport;

  constructor(options: PartnerApiClientOptions) {
    const settings = resolveSettings(options);
    this.baseUrl = settings.origin + settings.basePath;
    this.timeoutMs = settings.timeoutMs;
    this.#transport = new HttpTransport(settings);
  }

  /** Lets in-flight calls finish, then closes all connections. Idempotent. */
  close(): Promise<void> {
    return this.#transport.close();
  }

  /** `GET /organizations` (§5.1): every organization of the partner. */
  listOrganizations(): Promise<Organization[]> {
    return this.#call('GET', '/organizations', ResponseShape.Array);
  }

  /** `POST /organizations` (§5.2): creates an organization with its owner. */
  createOrganization(
    body: CreateOrganizationRequest,
  ): Promise<CreateOrganizationResponse> {
    return this.#call('POST', '/organizations', ResponseShape.Object, body);
  }

  /** `GET /organizations/{id}` (§5.3). */
  getOrganization(id: number): Promise<Organization> {
    return this.#call('GET', organizationPath(id), ResponseShape.Object);
  }

  /** `PATCH /organizations/{id}` (§5.4): changes only the fields sent. */
  updateOrganization(id: number, body: UpdateOrganizationRequest): Promise<Organization> {
    return this.#call('PATCH', organizationPath(id), ResponseShape.Object, body);
  }

  /**
   * `DELETE /organizations/{id}` (§5.5). Status and body are undocumented (U8):
   * resolves with the parsed body, or `undefined` when there is none (204).
   */
  deleteOrganization(id: number): Promise<unknown> {
    return this.#call('DELETE', organizationPath(id), ResponseShape.AnyOrEmpty);
  }

  /** `GET /users` (§6.1), optionally only one organization's members. */
  listUsers(filter: OrganizationFilter = {}): Promise<User[]> {
    return this.#call(
      'GET',
      withOrganizationQuery('/users', filter),
      ResponseShape.Array,
    );
  }

  /**
   * `POST /users` (§6.2). A body `organization_id` is also sent as the query
   * parameter, which the reference marks as required there.
   */
  createUser(body: CreateUserRequest): Promise<CreateUserResponse> {
    const filter = { organizationId: body.organization_id ?? undefined };
    const path = withOrganizationQuery('/users', filter, 'body.organization_id');
    return this.#call('POST', path, ResponseShape.Object, body);
  }

  /** `GET /users/{external_id}` (§6.3); the response shape is inferred (U9). */
  getUser(externalId: string): Promise<User> {
    return this.#call('GET', userPath(externalId), ResponseShape.Object);
  }

  /** `PATCH /users/{external_id}` (§6.4): fields, or a membership and role. */
  updateUser(externalId: string, body: UpdateUserRequest): Promise<User> {
    return this.#call('PATCH', userPath(externalId), ResponseShape.Object, body);
  }

  /**
   * `DELETE /users/{external_id}`. UNVERIFIED: the endpoint could not be confirmed
   * to exist (reference §6.5, U9); expect a 404 or 405 from the real API. Resolves
   * with the parsed body, or `undefined` when there is none (204).
   */
  deleteUserUnverified(externalId: string): Promise<unknown> {
    return this.#call('DELETE', userPath(externalId), ResponseShape.AnyOrEmpty);
  }

  /** `GET /users/{external_id}/embed-token` (§7.1): the current token. */
  getEmbedToken(externalId: string): Promise<EmbedTokenResponse> {
    return this.#call('GET', embedTokenPath(externalId), ResponseShape.Object);
  }

  /** `POST /users/{external_id}/embed-token` (§7.2): rotates; old tokens stop working. */
  generateEmbedToken(externalId: string): Promise<GenerateEmbedTokenResponse> {
    return this.#call('POST', embedTokenPath(externalId), ResponseShape.Object);
  }

  /**
   * `DELETE /users/{external_id}/embed-token` (§7.3): invalidates every token.
   * Resolves with the body, or `undefined` if the server answers without one.
   */
  invalidateEmbedToken(
    externalId: string,
  ): Promise<InvalidateEmbedTokenResponse | undefined> {
    return this.#call('DELETE', embedTokenPath(externalId), ResponseShape.ObjectOrEmpty);
  }

  /** `GET /locations` (§8.1), optionally only one organization's locations. */
  listLocations(filter: OrganizationFilter = {}): Promise<Location[]> {
    return this.#call(
      'GET',
      withOrganizationQuery('/locations', filter),
      ResponseShape.Array,
    );
  }

  /** `POST /locations` (§8.2): the body fields are inferred (U10). */
  createLocation(body: CreateLocationRequest): Promise<Location> {
    return this.#call('POST', '/locations', ResponseShape.Object, body);
  }

  /** `GET /locations/{id}` (§8.3). */
  getLocation(id: number): Promise<Location> {
    return this.#call('GET', locationPath(id), ResponseShape.Object);
  }

  /** `PATCH /locations/{id}` (§8.4): the updatable fields are inferred. */
  updateLocation(id: number, body: UpdateLocationRequest): Promise<Location> {
    return this.#call('PATCH', locationPath(id), ResponseShape.Object, body);
  }

  /**
   * `DELETE /locations/{id}` (§8.5). Status and body are undocumented (U8):
   * resolves with the parsed body, or `undefined` when there is none (204).
   */
  deleteLocation(id: number): Promise<unknown> {
    return this.#call('DELETE', locationPath(id), ResponseShape.AnyOrEmpty);
  }

  /** `POST /partner-links` (§9.1): invites an existing AA user to be linked. */
  createPartnerLink(body: CreatePartnerLinkRequest): Promise<PartnerLink> {
    return this.#call('POST', '/partner-links', ResponseShape.Object, body);
  }

  /** The typed result is trusted after a top-level shape check (no deep validation). */
  async #call<T>(
    method: HttpMethod,
    path: string,
    shape: ResponseShape,
    body?: object,
  ): Promise<T> {
    const call =
      body === undefined ? { method, path, shape } : { method, path, shape, body };
    return (await this.#transport.send(call)) as T;
  }
}

function organizationPath(id: number): string {
  return `/organizations/${checkId('organizationId', id)}`;
}

function locationPath(id: number): string {
  return `/locations/${checkId('locationId', id)}`;
}

function userPath(externalId: string): string {
  return `/users/${encodeExternalId(externalId)}`;
}

function embedTokenPath(externalId: string): string {
  return `${userPath(externalId)}/embed-token`;
}

/** `name` is how the id is called in the TypeError if it is not a valid id. */
function withOrganizationQuery(
  path: string,
  filter: OrganizationFilter,
  name = 'organizationId',
): string {
  const id = filter.organizationId;
  if (id === undefined) return path;
  return `${path}?organization_id=${checkId(name, id)}`;
}

/** Ids come from the API, so a bad one is a programming error, not user input. */
function checkId(name: string, id: number): number {
  if (Number.isSafeInteger(id) && id > 0) return id;
  throw new TypeError(
    `${name} must be a positive safe integer (got ${describeValue(id)})`,
  );
}

/**
 * `.` and `..` are path segments that URL parsing would resolve away (in encoded
 * form too), sending the request to another resource; they cannot be addressed.
 */
function encodeExternalId(externalId: string): string {
  if (typeof externalId === 'string' && !['', '.', '..'].includes(externalId)) {
    return encodeURIComponent(externalId);
  }
  const got = describeValue(externalId);
  throw new TypeError(
    `externalId must be a non-empty string other than . and .. (got ${got})`,
  );
}
