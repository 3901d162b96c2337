/** Player entry for cmi5 packages. */
import { boot } from '../boot.js';
import { Cmi5Adapter } from '../lms/cmi5.js';

boot(new Cmi5Adapter());
