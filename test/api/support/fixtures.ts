/** Wire objects shaped like the examples of the reference (§3, §5–§9). */
import type {
  CreateUserResponse,
  Location,
  Organization,
  PartnerLink,
  User,
} from '../../../src/api/types.js';

export const USER: User = {
  id: 9001,
  external_id: 'crm-4821',
  email: 'owner@baysidedental.example',
  name: 'Dana Ruiz',
  created_at: '2025-03-02T09:15:00Z',
  updated_at: '2025-03-02T09:15:00Z',
  organizations: [{ id: 42, name: 'Bayside Dental', role: 'owner' }],
};

export const LOCATION: Location = {
  id: 5150,
  name: 'Harbor Rd Office',
  phone_number: '+14155550123',
  status: 'active',
  address: '77 Harbor Rd, Sausalito, CA',
  google_place_id: 'ChIJexamplePlaceId0001',
  created_at: '2025-03-02T09:20:00Z',
  updated_at: '2025-03-02T09:31:00Z',
};

export const ORGANIZATION: Organization = {
  id: 42,
  name: 'Bayside Dental',
  created_at: '2025-03-02T09:15:00Z',
  updated_at: '2025-03-02T09:15:00Z',
  users: [USER],
  phone_numbers: [LOCATION],
};

export const CREATED_USER: CreateUserResponse = {
  embed_token: 'OTAwMnxhYjEyY2QzNGVmNTZhYjc4',
  user: {
    ...USER,
    id: 9002,
    external_id: 'crm-4822',
    email: 'frontdesk@baysidedental.example',
  },
  team: { id: 42, name: 'Bayside Dental' },
  locations: [{ location: 'Harbor Rd Office', phone_id: 5150 }],
};

export const PARTNER_LINK: PartnerLink = {
  id: 311,
  email: 'owner@harborcafe.example',
  external_id: 'crm-5003',
  status: 'pending',
};
