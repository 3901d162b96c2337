/** Player entry for xAPI (Tin Can) packages. */
import { boot } from '../boot.js';
import { XapiAdapter } from '../lms/xapi.js';

boot(new XapiAdapter());
