/** One case per endpoint of the reference (§4), plus the list filters. */
import type { PartnerApiClient } from '../../../src/api/index.js';
import { CREATED_USER, LOCATION, ORGANIZATION, PARTNER_LINK, USER } from './fixtures.js';

export interface EndpointCase {
  name: string;
  call: (client: PartnerApiClient) => Promise<unknown>;
  method: string;
  /** Relative to the base path. */
  url: string;
  sentBody?: unknown;
  status: number;
  answer?: unknown;
  expected: unknown;
}

const NEW_ORGANIZATION = {
  name: 'Bayside Dental',
  description: null,
  owner: {
    external_id: 'crm-4821',
    email: 'owner@baysidedental.example',
    name: 'Dana Ruiz',
  },
};
const NEW_USER = {
  external_id: 'crm-4822',
  email: 'frontdesk@baysidedental.example',
  name: 'Lee Park',
  organization_id: 42,
  role: 'manager' as const,
};
const NEW_LOCATION = {
  organization_id: 42,
  name: 'Mill Valley Office',
  area_code: '415',
  address: '12 Throckmorton Ave, Mill Valley, CA',
};
const TOKEN = { embed_token: 'OTAwMnxhYjEyY2QzNGVmNTZhYjc4', user_id: 'crm-4822' };
const NEW_TOKEN = { ...TOKEN, message: 'New embed token generated successfully' };
const INVALIDATED = {
  user_id: 'crm-4822',
  message: 'Embed token invalidated successfully',
};
const LINK_REQUEST = { email: 'owner@harborcafe.example', external_id: 'crm-5003' };

export const CASES: EndpointCase[] = [
  {
    name: 'listOrganizations()',
    call: (c) => c.listOrganizations(),
    method: 'GET',
    url: '/organizations',
    status: 200,
    answer: [ORGANIZATION],
    expected: [ORGANIZATION],
  },
  {
    name: 'createOrganization(body)',
    call: (c) => c.createOrganization(NEW_ORGANIZATION),
    method: 'POST',
    url: '/organizations',
    sentBody: NEW_ORGANIZATION,
    status: 201,
    answer: { organization: ORGANIZATION, owner: USER },
    expected: { organization: ORGANIZATION, owner: USER },
  },
  {
    name: 'getOrganization(id)',
    call: (c) => c.getOrganization(42),
    method: 'GET',
    url: '/organizations/42',
    status: 200,
    answer: ORGANIZATION,
    expected: ORGANIZATION,
  },
  {
    name: 'updateOrganization(id, body)',
    call: (c) => c.updateOrganization(42, { name: 'Bayside Dental Group' }),
    method: 'PATCH',
    url: '/organizations/42',
    status: 200,
    sentBody: { name: 'Bayside Dental Group' },
    answer: { ...ORGANIZATION, name: 'Bayside Dental Group' },
    expected: { ...ORGANIZATION, name: 'Bayside Dental Group' },
  },
  {
    name: 'deleteOrganization(id)',
    call: (c) => c.deleteOrganization(42),
    method: 'DELETE',
    url: '/organizations/42',
    status: 204,
    expected: undefined,
  },
  {
    name: 'listUsers()',
    call: (c) => c.listUsers(),
    method: 'GET',
    url: '/users',
    status: 200,
    answer: [USER],
    expected: [USER],
  },
  {
    name: 'listUsers({ organizationId })',
    call: (c) => c.listUsers({ organizationId: 42 }),
    method: 'GET',
    url: '/users?organization_id=42',
    status: 200,
    answer: [USER],
    expected: [USER],
  },
  {
    name: 'createUser(body)',
    call: (c) => c.createUser(NEW_USER),
    method: 'POST',
    url: '/users?organization_id=42',
    sentBody: NEW_USER,
    status: 201,
    answer: CREATED_USER,
    expected: CREATED_USER,
  },
  {
    name: 'getUser(externalId)',
    call: (c) => c.getUser('crm-4821'),
    method: 'GET',
    url: '/users/crm-4821',
    status: 200,
    answer: USER,
    expected: USER,
  },
  {
    name: 'updateUser(externalId, body)',
    call: (c) => c.updateUser('crm-4821', { organization_id: 43, role: 'manager' }),
    method: 'PATCH',
    url: '/users/crm-4821',
    status: 200,
    answer: USER,
    sentBody: { organization_id: 43, role: 'manager' },
    expected: USER,
  },
  {
    name: 'deleteUserUnverified(externalId)',
    call: (c) => c.deleteUserUnverified('crm-4821'),
    method: 'DELETE',
    url: '/users/crm-4821',
    status: 204,
    expected: undefined,
  },
  {
    name: 'getEmbedToken(externalId)',
    call: (c) => c.getEmbedToken('crm-4822'),
    method: 'GET',
    url: '/users/crm-4822/embed-token',
    status: 200,
    answer: TOKEN,
    expected: TOKEN,
  },
  {
    name: 'generateEmbedToken(externalId)',
    call: (c) => c.generateEmbedToken('crm-4822'),
    method: 'POST',
    url: '/users/crm-4822/embed-token',
    status: 200,
    answer: NEW_TOKEN,
    expected: NEW_TOKEN,
  },
  {
    name: 'invalidateEmbedToken(externalId)',
    call: (c) => c.invalidateEmbedToken('crm-4822'),
    method: 'DELETE',
    url: '/users/crm-4822/embed-token',
    status: 200,
    answer: INVALIDATED,
    expected: INVALIDATED,
  },
  {
    name: 'listLocations()',
    call: (c) => c.listLocations(),
    method: 'GET',
    url: '/locations',
    status: 200,
    answer: [LOCATION],
    expected: [LOCATION],
  },
  {
    name: 'listLocations({ organizationId })',
    call: (c) => c.listLocations({ organizationId: 42 }),
    method: 'GET',
    url: '/locations?organization_id=42',
    status: 200,
    answer: [LOCATION],
    expected: [LOCATION],
  },
  {
    name: 'createLocation(body)',
    call: (c) => c.createLocation(NEW_LOCATION),
    method: 'POST',
    url: '/locations',
    sentBody: NEW_LOCATION,
    status: 201,
    answer: LOCATION,
    expected: LOCATION,
  },
  {
    name: 'getLocation(id)',
    call: (c) => c.getLocation(5150),
    method: 'GET',
    url: '/locations/5150',
    status: 200,
    answer: LOCATION,
    expected: LOCATION,
  },
  {
    name: 'updateLocation(id, body)',
    call: (c) => c.updateLocation(5150, { address: null }),
    method: 'PATCH',
    url: '/locations/5150',
    sentBody: { address: null },
    status: 200,
    answer: LOCATION,
    expected: LOCATION,
  },
  {
    name: 'deleteLocation(id)',
    call: (c) => c.deleteLocation(5150),
    method: 'DELETE',
    url: '/locations/5150',
    status: 200,
    answer: { message: 'Location deleted' },
    expected: { message: 'Location deleted' },
  },
  {
    name: 'createPartnerLink(body)',
    call: (c) => c.createPartnerLink(LINK_REQUEST),
    method: 'POST',
    url: '/partner-links',
    sentBody: LINK_REQUEST,
    status: 201,
    answer: PARTNER_LINK,
    expected: PARTNER_LINK,
  },
];
