/** Player entry for scorm2004 packages. */
import { boot } from '../boot.js';
import { Scorm2004Adapter } from '../lms/scorm2004.js';

boot(new Scorm2004Adapter());
