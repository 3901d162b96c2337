/** Entry of the plain web package: the player with no learning platform. */
import { boot } from '../boot.js';
import { StandaloneAdapter } from '../lms/standalone.js';

void boot(new StandaloneAdapter());
