/** Player entry for scorm12 packages. */
import { boot } from '../boot.js';
import { Scorm12Adapter } from '../lms/scorm12.js';

boot(new Scorm12Adapter());
