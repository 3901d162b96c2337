/** The plain web build: runs without any platform and keeps progress in the browser. */
import type { Target } from './target.js';

export const web: Target = {
  name: 'target:web',
  id: 'web',
  kind: 'folder',
  label: 'Web',
  platforms: 'Any web server or a shared folder, without tracking: progress stays in the learner\'s browser.',
  runtime: 'web',
  connectSrc: () => "'none'",
  descriptors: () => [],
};
