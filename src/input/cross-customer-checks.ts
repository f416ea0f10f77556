/**
 * Checks across customers: an owner claimed twice, one person described two ways,
 * one place given to two customers. A problem found here rejects every customer
 * involved, each problem naming the other customers and where they were given:
 * aa-sync cannot tell which of them is right.
 */
import type { CustomerDraft, Given } from './customer-draft.js';
import { placeOf, problemAt } from './customer-draft.js';
import { quoteValue } from './problem-text.js';
import type { RowProblem } from './records.js';

/** One customer's use of a shared identifier. */
interface Use {
  draft: CustomerDraft;
  given: Given;
}

/** One customer's description of a person (its owner or one of its users). */
interface Person {
  draft: CustomerDraft;
  id: Given;
  kind: 'owner' | 'user';
  email?: Given | undefined;
  name?: Given | undefined;
}

function customerAt(use: Use): string {
  return `customer ${quoteValue(use.draft.key)} (${placeOf(use.given)})`;
}

/**
 * The uses of identifiers, by identifier. Nearly every identifier has one use, so
 * the list is only made for one used twice.
 */
class UseIndex {
  private readonly first = new Map<string, Use>();
  private readonly shared = new Map<string, Use[]>();

  add(use: Use): void {
    const id = use.given.value;
    const first = this.first.get(id);
    if (first === undefined) this.first.set(id, use);
    else this.shared.set(id, [...(this.shared.get(id) ?? [first]), use]);
  }

  /** Reports each use that shares its identifier with another customer's use. */
  report(describe: (use: Use, others: string) => RowProblem): void {
    for (const uses of this.shared.values()) {
      for (const use of uses) {
        const others = uses.filter((other) => other.draft !== use.draft);
        if (others.length === 0) continue;
        use.draft.problems.push(describe(use, others.map(customerAt).join(', ')));
      }
    }
  }
}

function checkOwnerClaims(drafts: readonly CustomerDraft[]): void {
  const owners = new UseIndex();
  for (const draft of drafts) {
    const given = draft.fields.owner_external_id;
    if (given !== undefined) owners.add({ draft, given });
  }
  owners.report((use, others) =>
    problemAt(
      use.given,
      'owner-claimed',
      `owner_external_id ${quoteValue(use.given.value)} owns customer ` +
        `${quoteValue(use.draft.key)} and also ${others}`,
      'If these rows are one customer, give every row of it the same customer_id (a row ' +
        'without one is keyed by its owner_external_id); otherwise correct the owner.',
    ),
  );
}

function checkPlaceIds(drafts: readonly CustomerDraft[]): void {
  const places = new UseIndex();
  for (const draft of drafts) {
    for (const location of draft.locations?.values() ?? []) {
      const given = location.location_google_place_id;
      if (given !== undefined) places.add({ draft, given });
    }
  }
  places.report((use, others) =>
    problemAt(
      use.given,
      'place-id-shared',
      `location_google_place_id ${quoteValue(use.given.value)} of customer ` +
        `${quoteValue(use.draft.key)} is also given for ${others}`,
      'A place belongs to one customer: correct the place id of the wrong location.',
    ),
  );
}

function forEachPerson(draft: CustomerDraft, visit: (person: Person) => void): void {
  const { owner_external_id: id, owner_email: email, owner_name: name } = draft.fields;
  if (id !== undefined) visit({ draft, id, kind: 'owner', email, name });
  for (const user of draft.users?.values() ?? []) {
    const { user_external_id: userId, user_email: userEmail, user_name: userName } = user;
    if (userId !== undefined) {
      visit({ draft, id: userId, kind: 'user', email: userEmail, name: userName });
    }
  }
}

function personConflict(
  person: Person,
  other: Person,
  field: 'email' | 'name',
): RowProblem {
  const given = person[field];
  const theirs = other[field];
  if (given === undefined || theirs === undefined)
    throw new Error('bug: no value to compare');
  return problemAt(
    given,
    'conflicting-value',
    `${person.kind}_${field} ${quoteValue(given.value)} of ${quoteValue(person.id.value)} ` +
      `in customer ${quoteValue(person.draft.key)} differs from ${other.kind}_${field} ` +
      `${quoteValue(theirs.value)} of the same person in customer ` +
      `${quoteValue(other.draft.key)} (${placeOf(theirs)})`,
    'One external id is one person with one email and one name: write the same values ' +
      'in every customer the person belongs to.',
  );
}

function comparePeople(first: Person, later: Person): void {
  for (const field of ['email', 'name'] as const) {
    const a = first[field];
    const b = later[field];
    if (a === undefined || b === undefined || a.value === b.value) continue;
    first.draft.problems.push(personConflict(first, later, field));
    later.draft.problems.push(personConflict(later, first, field));
  }
}

/** A person may belong to several customers, described the same way in each. */
function checkPeople(drafts: readonly CustomerDraft[]): void {
  const firstSeen = new Map<string, Person>();
  const visit = (person: Person): void => {
    const first = firstSeen.get(person.id.value);
    if (first === undefined) firstSeen.set(person.id.value, person);
    else if (first.draft !== person.draft) comparePeople(first, person);
  };
  for (const draft of drafts) forEachPerson(draft, visit);
}

/**
 * Runs the checks across customers, adding problems to the drafts involved.
 * Takes finished drafts (owner rows absorbed), in a fixed order so that the
 * problems come out the same on every run.
 */
export function checkAcrossCustomers(drafts: readonly CustomerDraft[]): void {
  checkOwnerClaims(drafts);
  checkPeople(drafts);
  checkPlaceIds(drafts);
}
