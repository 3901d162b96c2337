/** Language script: the player's words in zh-CN, registered for the player to use. */
import { registerStrings } from '../player/i18n.js';
import { zhCN } from '../strings/zh-CN.js';

registerStrings('zh-CN', zhCN);
