/**
 * The cmi5 AU's pure parts: contexts built on the LMS's contextTemplate (its
 * entries first and unaltered, compared by position as the reference player
 * does), and the player language from the learner's languagePreference.
 */
import { describe, expect, it } from 'vitest';
import { onTemplate, preferredLanguage } from '../src/runtime/lms/cmi5.js';

const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const template = {
  contextActivities: {
    grouping: [{ objectType: 'Activity', id: 'https://lms.example/au/1', definition: { type: 'https://w3id.org/xapi/cmi5/activitytype/block' } }],
    other: { objectType: 'Activity', id: 'https://lms.example/course' }, // a single object: allowed by xAPI
  },
  extensions: { [SESSION]: 'session-1', 'https://lms.example/tenant': { id: 7 } },
};

describe('onTemplate', () => {
  it("puts the template's activities first in each list, unaltered, then the statement's own and the categories", () => {
    const statement = {
      id: 's1',
      context: {
        registration: 'r1',
        contextActivities: { grouping: [{ objectType: 'Activity', id: 'https://courses.example/c' }], parent: [{ objectType: 'Activity', id: 'https://courses.example/c/exam' }] },
        extensions: { 'https://w3id.org/skillpack/extensions/credits': 30, [SESSION]: 'ours must not win' },
      },
    };
    const context = onTemplate(structuredClone(statement), structuredClone(template), [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }]).context as Record<string, any>;
    expect(context.contextActivities.grouping).toEqual([template.contextActivities.grouping[0], statement.context.contextActivities.grouping[0]]);
    expect(context.contextActivities.other).toEqual([template.contextActivities.other]);
    expect(context.contextActivities.parent).toEqual(statement.context.contextActivities.parent);
    expect(context.contextActivities.category).toEqual([{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }]);
    expect(context.extensions).toEqual({ 'https://w3id.org/skillpack/extensions/credits': 30, ...template.extensions });
    expect(context.registration).toBe('r1');
  });

  it('keeps a template category first, before the cmi5 categories', () => {
    const withCategory = { ...template, contextActivities: { ...template.contextActivities, category: [{ id: 'https://lms.example/category' }] } };
    const context = onTemplate({ id: 's2' }, withCategory, [{ id: 'https://w3id.org/xapi/cmi5/context/categories/cmi5' }]).context as Record<string, any>;
    expect(context.contextActivities.category.map((c: { id: string }) => c.id)).toEqual(['https://lms.example/category', 'https://w3id.org/xapi/cmi5/context/categories/cmi5']);
  });
});

describe('preferredLanguage', () => {
  it('takes the first language the player speaks', () => {
    expect(preferredLanguage('zh-CN,en-US')).toBe('zh-CN');
    expect(preferredLanguage('fr-FR, zh-Hans-CN')).toBe('zh-CN');
    expect(preferredLanguage('en-GB,zh-CN')).toBe('en');
    expect(preferredLanguage('fr-FR')).toBeUndefined();
    expect(preferredLanguage(undefined)).toBeUndefined();
  });
});
