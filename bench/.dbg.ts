import { previewLatency } from './preview.js';
import { runtimeSizes } from './sizes.js';
import { browserFigures } from './browser.js';
console.log(JSON.stringify(await previewLatency('/work/main/courses/workplace-safety-officer', 5), null, 1));
console.log(await runtimeSizes());
console.log(JSON.stringify(await browserFigures('/work/main', '/work/main/courses/workplace-safety-officer', 3, console.log), null, 1));
