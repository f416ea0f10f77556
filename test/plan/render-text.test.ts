import { describe, expect, it } from 'vitest';
import { renderPlanText, summaryLine } from '../../src/plan/render-text.js';
import { customer, liveLocation, liveOrgs, memory, plan } from './support.js';

function mixedPlan() {
  const live = liveOrgs([
    {
      id: 1,
      name: 'a Inc',
      members: [
        { externalId: 'a-owner', role: 'owner' },
        { externalId: 'boss', role: 'manager' },
      ],
      locations: [
        liveLocation(10, 'Main', { phone: '+15085550100' }),
        liveLocation(11, 'Old'),
      ],
    },
    { id: 2, name: 'b Inc', members: [{ externalId: 'b-owner', role: 'owner' }] },
    { id: 3, name: 'x One', members: [{ externalId: 'x-owner', role: 'owner' }] },
    { id: 4, name: 'x Two', members: [{ externalId: 'x-owner', role: 'owner' }] },
    { id: 5, name: 'Stranger', members: [{ externalId: 's', role: 'owner' }] },
    { id: 6, name: 'u Inc', members: [{ externalId: 'u-owner', role: 'owner' }] },
  ]);
  const customers = [
    customer('a', {
      name: 'A Dental',
      description: 'Teeth',
      locations: [
        { name: 'Main', areaCode: '617' },
        { name: 'North', areaCode: '212' },
      ],
    }),
    customer('b', { name: 'b Inc' }),
    customer('c', { users: [{ externalId: 'c-user', role: 'user' }] }),
    customer('u', { name: 'u Inc' }),
    customer('x'),
  ];
  const remembered = memory({ organizations: { a: 1, u: 6 } });
  return plan(customers, live, { memory: remembered });
}

const MIXED = `~ customer "a" (organization 1)
    ~ update organization 1
        name: "a Inc" → "A Dental"
        description: (not returned by the API) → "Teeth"
    + create location "North" with a new phone number in area code "212"
    ? location 10 "Main": the export says area code "617", the number is "+15085550100"; an area code cannot change
    left alone (not in the export): location 11 "Old", manager "boss"

= customer "b" (organization 2): adopted, matched by owner; no changes

+ customer "c": new organization
    + create organization "c Inc" with owner "c-owner"
    + create user "c-user" as user in the new organization

! customer "x": conflict, owner "x-owner" holds role owner in several organizations (3, 4); nothing planned

Unmanaged organizations (no valid customer of the export matches them; left alone):
    5 "Stranger"

Plan: 3 to create (1 organization, 1 user, 1 location: 1 new phone number), 1 to update, 0 to delete; 1 unchanged, 2 adopted, 1 conflict, 1 drift.
`;

describe('the plan for people', () => {
  it('groups a mixed plan by tenant, like terraform', () => {
    expect(renderPlanText(mixedPlan())).toBe(MIXED);
  });

  it('says there is nothing to do when every customer matches', () => {
    const live = liveOrgs([
      { id: 1, name: 'a Inc', members: [{ externalId: 'a-owner', role: 'owner' }] },
      { id: 2, name: 'b Inc', members: [{ externalId: 'b-owner', role: 'owner' }] },
    ]);
    const result = plan([customer('a'), customer('b')], live, {
      memory: memory({ organizations: { a: 1, b: 2 } }),
    });
    expect(renderPlanText(result)).toBe(
      'No changes. 2 customers match the live state.\n',
    );
  });

  it('prints only the summary when quiet', () => {
    expect(renderPlanText(mixedPlan(), { quiet: true })).toBe(
      'Plan: 3 to create (1 organization, 1 user, 1 location: 1 new phone number), 1 to ' +
        'update, 0 to delete; 1 unchanged, 2 adopted, 1 conflict, 1 drift.\n',
    );
  });

  it('colours markers with plain ANSI codes only when asked', () => {
    const coloured = renderPlanText(mixedPlan(), { colour: true });
    expect(coloured.split('\n')[0]).toBe(
      '\u001b[33m~ customer "a" (organization 1)\u001b[0m',
    );
    expect(coloured).toContain('\u001b[32m    + create organization "c Inc"');
    expect(renderPlanText(mixedPlan())).not.toContain('\u001b');
  });

  it('escapes control characters from the input so they cannot reach the terminal', () => {
    const result = plan(
      [customer('e\u001b[2J', { name: 'Evil\u009b31m\u202eCo\n' })],
      [],
    );
    const text = renderPlanText(result);
    expect(text).toContain('+ customer "e\\u001b[2J": new organization');
    expect(text).toContain('create organization "Evil\\u009b31m\\u202eCo\\n" with owner');
    for (const control of ['\u001b', '\u009b', '\u202e', 'Co\n']) {
      expect(text).not.toContain(control);
    }
  });

  it('writes the summary line with plurals and the phone numbers to provision', () => {
    const summary = mixedPlan().summary;
    const many = {
      ...summary,
      toCreate: { organizations: 3, users: 0, locations: 9 },
      newPhoneNumbers: 9,
      toUpdate: 4,
      tenants: { ...summary.tenants, unchanged: 40, adopt: 2, conflict: 1 },
    };
    expect(summaryLine(many)).toBe(
      'Plan: 12 to create (3 organizations, 9 locations: 9 new phone numbers), 4 to update, ' +
        '0 to delete; 40 unchanged, 2 adopted, 1 conflict, 1 drift.',
    );
  });

  it('shows tripped guards and deletions', () => {
    const live = liveOrgs([
      { id: 1, name: 'a Inc', members: [{ externalId: 'a-owner', role: 'owner' }] },
      { id: 2, name: 'Gone', members: [{ externalId: 'g', role: 'owner' }] },
    ]);
    const result = plan([customer('a')], live, {
      memory: memory({ organizations: { a: 1, gone: 2 } }),
      options: {
        mode: 'mirror',
        prune: true,
        matchByName: false,
        maxDeletes: 10,
        maxDeletePercent: 10,
      },
    });
    expect(renderPlanText(result)).toBe(
      [
        '- customer "gone" (organization 2): no longer in the export',
        '    - delete organization 2 "Gone"',
        '    note: customer "gone" is no longer in the export',
        '',
        'Safety guards tripped; applying this plan will change nothing:',
        '    ! 1 organization deletion planned, over the limit of 0 (10% of 2 live ' +
          'organizations); nothing was changed. Raise it with --max-delete-percent if these ' +
          'deletions are intended.',
        '',
        'Plan: 0 to create, 0 to update, 1 to delete; 1 unchanged, 0 adopted, 0 conflicts, 0 drift.',
        '',
      ].join('\n'),
    );
  });
});
