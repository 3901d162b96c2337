/** Load the player's language tables, as the package page's language scripts would. */
import { registerStrings } from '../../src/runtime/player/i18n.js';
import { en } from '../../src/runtime/strings/en.js';
import { zhCN } from '../../src/runtime/strings/zh-CN.js';

registerStrings('en', en);
registerStrings('zh-CN', zhCN);
