/** The plain web build: runs without any platform and keeps progress in the browser. */
import type { Target } from './target.js';

export const web: Target = {
  name: 'target:web',
  id: 'web',
  kind: 'folder',
  label: 'Web',
  runtime: 'web',
  connectSrc: () => "'none'",
  descriptors: () => [],
};
