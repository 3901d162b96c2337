/** Language script: the player's words in en, registered for the player to use. */
import { registerStrings } from '../player/i18n.js';
import { en } from '../strings/en.js';

registerStrings('en', en);
