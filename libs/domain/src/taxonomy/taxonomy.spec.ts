import { CATEGORIES, isCategory, isSubcategoryOf, SUBCATEGORIES, subcategoriesOf, TAXONOMY } from './categories.js';
import { CHANNEL_LABELS, CHANNELS, INTENSITIES, INTENSITY_LABELS, PURPOSE_LABELS, PURPOSES } from './intake.js';
import { FISHBONE_CLASSES, FISHBONE_LABELS } from './root-cause.js';
import { DEFAULT_ROUTING, DEFAULT_TEAMS, defaultTeamFor } from './routing.js';

const SNAKE = /^[a-z]+(_[a-z]+)*$/;

describe('the taxonomy', () => {
  test('has the six categories of DOMAIN.md', () => {
    expect(CATEGORIES).toEqual([
      'product_quality',
      'service',
      'delivery',
      'transaction',
      'integrity',
      'technical_support',
    ]);
  });

  test('has the subcategories of DOMAIN.md, each in exactly one category', () => {
    expect(subcategoriesOf('product_quality')).toHaveLength(7);
    expect(subcategoriesOf('service')).toHaveLength(6);
    expect(subcategoriesOf('delivery')).toHaveLength(4);
    expect(subcategoriesOf('transaction')).toHaveLength(4);
    expect(subcategoriesOf('integrity')).toHaveLength(2);
    expect(subcategoriesOf('technical_support')).toEqual(['defect_in_software', 'setup_help', 'outage']);
    expect(new Set(SUBCATEGORIES).size).toBe(SUBCATEGORIES.length);
  });

  test('every id is snake_case and every label exists in English and Chinese', () => {
    for (const category of CATEGORIES) {
      expect(category).toMatch(SNAKE);
      const { label, subcategories } = TAXONOMY[category];
      for (const each of [label, ...Object.values(subcategories)]) {
        expect(each.en.length).toBeGreaterThan(0);
        expect(each['zh-CN']).toMatch(/\p{Script=Han}/u);
      }
      for (const subcategory of Object.keys(subcategories)) expect(subcategory).toMatch(SNAKE);
    }
  });

  test('isSubcategoryOf tells whether a subcategory belongs to a category', () => {
    expect(isSubcategoryOf('product_quality', 'safety_hazard')).toBe(true);
    expect(isSubcategoryOf('service', 'safety_hazard')).toBe(false);
    expect(isSubcategoryOf('nonsense', 'safety_hazard')).toBe(false);
    expect(isSubcategoryOf('service', 'toString')).toBe(false);
    expect(isSubcategoryOf('constructor', 'name')).toBe(false);
  });

  test('isCategory guards strings from the wire', () => {
    expect(isCategory('delivery')).toBe(true);
    expect(isCategory('__proto__')).toBe(false);
  });
});

describe('intake vocabularies', () => {
  test('the ten channels, each with labels', () => {
    expect(CHANNELS).toHaveLength(10);
    expect(Object.keys(CHANNEL_LABELS).sort()).toEqual([...CHANNELS].sort());
  });

  test('intensities and purposes, each with labels', () => {
    expect(Object.keys(INTENSITY_LABELS)).toEqual([...INTENSITIES]);
    expect(Object.keys(PURPOSE_LABELS)).toEqual([...PURPOSES]);
    expect(INTENSITY_LABELS.radical['zh-CN']).toBe('极端激进');
  });

  test('the six fishbone classes (6M), each with labels', () => {
    expect(FISHBONE_CLASSES).toHaveLength(6);
    expect(Object.keys(FISHBONE_LABELS)).toEqual([...FISHBONE_CLASSES]);
  });
});

describe('default routing', () => {
  test('every category routes to a known team, as DOMAIN.md says', () => {
    for (const category of CATEGORIES) expect(DEFAULT_TEAMS).toContain(defaultTeamFor(category));
    expect(DEFAULT_ROUTING).toMatchObject({
      product_quality: 'quality',
      service: 'customer-service',
      technical_support: 'technical',
      delivery: 'logistics',
      transaction: 'billing-compliance',
      integrity: 'billing-compliance',
    });
  });

  test('team ids are slugs the API accepts', () => {
    for (const team of DEFAULT_TEAMS) expect(team).toMatch(/^[a-z0-9][a-z0-9_-]{0,63}$/);
  });
});
