/**
 * Every string the player shows, in English and Simplified Chinese, chosen by
 * `course.language`. Placeholders are `{name}`.
 *
 * Notice keys (what adapters pass in `Notice.key`; `Notice.detail`, when given, is
 * shown after the message):
 * - `lms.not-found`      no LMS API found: running disconnected, progress kept in this browser
 * - `lms.error`          the LMS reported an error (detail: code and text)
 * - `lms.commit-failed`  the LMS did not accept a commit: progress may not be recorded
 * - `lrs.queued`         xAPI statements are queued and will be sent later
 * - `lrs.unauthorized`   the LRS refused the credentials: results are not recorded
 * - `lrs.offline`        no network: statements wait until the connection returns
 * - `lrs.delivered`      queued statements were delivered after all
 * - `lrs.rejected`       the LRS refused statements, or they could not be sent any more: set aside (detail: its message)
 * - `lrs.session-ended`  cmi5: this launch's session has ended (e.g. the page was reloaded after leaving); nothing more is recorded
 * - `state.corrupt`      saved progress could not be read and was reset (raised by the player)
 * - `state.outdated`     saved progress belongs to an earlier edition of the course and was reset
 * - `storage.unavailable` the browser refused local storage: progress lasts only this visit
 * Any other key is shown with a generic sentence naming it, so a new adapter never shows nothing.
 */
import type { Language } from '../../course/model.js';
import type { Notice } from '../lms/adapter.js';

const en = {
  'app.loading': 'Loading the course…',
  'app.no-data': 'This page does not contain a course.',
  'app.bad-data': 'The course in this page cannot be read. Please rebuild the package.',
  'app.version': 'This course was built for a different player (course format {found}, player format {expected}). Please rebuild the package.',
  'skip': 'Skip to content',
  'header.progress': '{viewed} of {total} lessons viewed',
  'header.exit': 'Exit',
  'nav.label': 'Course contents',
  'nav.toggle': 'Contents',
  'nav.welcome': 'Overview',
  'nav.exam': 'Final exam',
  'nav.viewed': '(viewed)',
  'nav.passed': '(passed)',
  'notices.label': 'Messages',
  'notice.dismiss': 'Dismiss message',
  'notice.unknown': 'Message from the learning platform ({key}).',
  'lms.not-found': 'No learning platform was found: your progress is kept in this browser only.',
  'lms.error': 'The learning platform reported an error while saving your results. Keep this window open; if the message stays, tell your course administrator.',
  'lms.init-failed': 'The learning platform did not accept the connection: your progress is kept in this browser only and your results do not reach the platform.',
  'lms.commit-failed': 'The learning platform did not save your latest progress. Keep this window open; the course will try again.',
  'lrs.queued': 'Your results are queued and will be sent to the learning record store shortly.',
  'lrs.unauthorized': 'The learning record store refused access. Your results are kept in this browser and will be sent once access is restored: please tell your course administrator.',
  'lrs.offline': 'You are offline: your results will be sent when the connection returns.',
  'lrs.delivered': 'Your queued results have been sent.',
  'lrs.rejected': 'The learning record store refused some of your results. Please tell your course administrator.',
  'lrs.session-ended': 'This visit to the course has ended. To carry on and have your results recorded, open the course again from your learning platform.',
  'state.corrupt': 'Your saved progress could not be read, so the course starts from the beginning.',
  'state.outdated': 'This course has been updated since your last visit, so it starts from the beginning.',
  'storage.unavailable': 'This browser does not allow the course to save progress: it will be lost when you close the window.',
  'status.connected': 'Connected to {platform}: your progress and results are recorded there.',
  'status.offline': 'Not connected to a learning platform: progress is kept in this browser.',
  'mode.review': 'Review mode: you can look at the course and your results, but nothing you do now changes them.',
  'mode.browse': 'Browse mode: you can look around the course; exam attempts are not recorded.',
  'welcome.greeting': 'Welcome, {name}',
  'welcome.facts': 'About this course',
  'welcome.occupation': 'Occupation',
  'welcome.certificate': 'Certificate',
  'welcome.issuer': 'Issued by',
  'welcome.credits': 'Credits',
  'welcome.credits-value': '{n} points',
  'welcome.hours': 'Study time',
  'welcome.hours-value': '{n} hours',
  'welcome.content': 'Content',
  'welcome.content-value': '{lessons} lessons',
  'welcome.content-exam': '{lessons} lessons and a final exam',
  'welcome.start': 'Start the course',
  'welcome.continue': 'Continue',
  'welcome.completed': 'You have completed this course.',
  'welcome.rule.lessons': 'To complete the course, view every lesson.',
  'welcome.rule.exam': 'To complete the course, pass the final exam.',
  'welcome.rule.lessons-and-exam': 'To complete the course, view every lesson and pass the final exam.',
  'lesson.position': 'Lesson {n} of {total}',
  'lesson.pager': 'Lesson navigation',
  'lesson.prev': 'Previous',
  'lesson.next': 'Next',
  'lesson.to-exam': 'Go to the exam',
  'lesson.to-overview': 'Back to the overview',
  'lesson.table': 'Table {n}',
  'q.number': 'Question {n} of {total}',
  'q.point': '{n} point',
  'q.points': '{n} points',
  'q.unscored': 'not scored',
  'q.hint.true-false': 'Choose true or false.',
  'q.hint.single': 'Choose one answer.',
  'q.hint.multiple': 'Choose every answer that applies.',
  'q.hint.numeric': 'Type a number; use a point or a comma for decimals.',
  'q.hint.matching': 'Choose the match for each item.',
  'q.hint.sequencing': 'Put the items in the right order with the Move up and Move down buttons.',
  'q.hint.likert': 'Choose one point on the scale.',
  'q.hint.essay': 'Write your answer, up to {max} characters.',
  'q.true': 'True',
  'q.false': 'False',
  'q.your-answer': 'Your answer',
  'q.choose': 'Choose…',
  'q.move-up': 'Move up',
  'q.move-down': 'Move down',
  'q.move-up-label': 'Move “{item}” up',
  'q.move-down-label': 'Move “{item}” down',
  'q.moved': '“{item}” is now at position {pos} of {total}.',
  'q.numeric-invalid': 'Enter a number, for example 12.5 or 12,5.',
  'q.chars-left': '{n} characters left',
  'practice.label': 'Practice question',
  'practice.note': 'Practice only: this question does not count towards your score.',
  'practice.check': 'Check my answer',
  'practice.empty': 'Answer the question first, then check it.',
  'fb.correct': 'Correct',
  'fb.incorrect': 'Not quite',
  'fb.noted': 'Thank you: your answer is noted.',
  'fb.explanation': 'Explanation',
  'exam.title': 'Final exam',
  'exam.none': 'This course has no exam.',
  'exam.intro': 'The exam has {count} questions, drawn at random for each attempt. You need {score}% to pass.',
  'exam.attempts': 'Attempts used: {used} of {max}.',
  'exam.attempts-unlimited': 'Attempts used: {used} (no limit).',
  'exam.time-limit': 'Time limit: {n} minutes. When time runs out, your answers are submitted automatically.',
  'exam.start': 'Start attempt {n}',
  'exam.start-practice': 'Start a practice attempt',
  'exam.no-more': 'You have used all {max} attempts.',
  'exam.passed': 'You have passed this exam.',
  'exam.view-results': 'See your results',
  'exam.history': 'Previous attempts',
  'exam.history-row': 'Attempt {n}: {percent}%, {result}',
  'exam.attempt-heading': 'Attempt {n}',
  'exam.status': 'Exam status',
  'exam.answered': '{n} of {total} answered',
  'exam.time-left': 'Time left',
  'exam.time-warning': '{n} minutes left.',
  'exam.time-warning-1': 'One minute left: your answers are submitted when the time is up.',
  'exam.time-warning-5': 'Five minutes left in the exam: check your answers and submit.',
  'exam.time-up': 'Time is up: your answers have been submitted.',
  'exam.submit': 'Submit my answers',
  'exam.confirm-title': 'Submit with unanswered questions?',
  'exam.confirm-body': '{n} of {total} questions are unanswered or incomplete. They will score no points.',
  'exam.confirm-yes': 'Submit anyway',
  'exam.confirm-no': 'Keep answering',
  'exam.unrecorded': 'This attempt is for practice only and will not be recorded.',
  'results.title': 'Exam results',
  'results.attempt': 'Attempt {n}',
  'results.score': 'Score',
  'results.points': '{raw} of {max} points',
  'results.passing': 'Pass mark: {percent}%',
  'results.passed': 'Passed',
  'results.failed': 'Not passed',
  'results.passed-text': 'Congratulations: you passed the exam.',
  'results.failed-text': 'You did not reach the pass mark this time.',
  'results.certificate': 'Your certificate',
  'results.cert-level': 'Level',
  'results.cert-issuer': 'Issued by',
  'results.cert-credits': 'Credits',
  'results.retry': 'Try again (attempt {n})',
  'results.no-retry': 'You have no attempts left.',
  'results.unrecorded': 'Review mode: this attempt was not recorded and does not change your results.',
  'results.answers': 'Your answers',
  'results.q-correct': 'Correct: {score} of {points}',
  'results.q-incorrect': 'Incorrect: 0 of {points}',
  'results.q-unanswered': 'Not answered: 0 of {points}',
  'results.q-unscored': 'Answer recorded (not scored)',
  'results.q-skipped': 'Not answered (not scored)',
  'results.no-result': 'No exam results yet.',
  'recorded.title': 'Your recorded result',
  'recorded.completed': 'Completed',
  'recorded.score': 'Score: {percent}%',
  'recorded.text': 'This is what {platform} has recorded for you. Nothing you do during this visit changes it.',
  'completed': 'Course completed. Well done!',
  'exit.title': 'Session ended',
  'exit.text': 'Your progress has been saved. You can close this window now.',
  'exit.reopen': 'Open the course again',
} as const;

/** A UI string key. */
export type MessageKey = keyof typeof en;
/** One language's string table. */
export type Messages = Record<MessageKey, string>;

const zhCN: Messages = {
  'app.loading': '正在加载课程…',
  'app.no-data': '此页面不包含课程。',
  'app.bad-data': '无法读取此页面中的课程，请重新生成课程包。',
  'app.version': '此课程为其他版本的播放器生成（课程格式 {found}，播放器格式 {expected}），请重新生成课程包。',
  'skip': '跳到正文',
  'header.progress': '已学习 {viewed}/{total} 课',
  'header.exit': '退出',
  'nav.label': '课程目录',
  'nav.toggle': '目录',
  'nav.welcome': '课程概览',
  'nav.exam': '结业考试',
  'nav.viewed': '（已学习）',
  'nav.passed': '（已通过）',
  'notices.label': '提示信息',
  'notice.dismiss': '关闭提示',
  'notice.unknown': '来自学习平台的消息（{key}）。',
  'lms.not-found': '未找到学习平台：学习进度仅保存在本浏览器中。',
  'lms.error': '学习平台在保存学习结果时报告了错误。请不要关闭此窗口；如果此消息一直存在，请联系课程管理员。',
  'lms.init-failed': '学习平台未接受连接：学习进度仅保存在本浏览器中，学习结果不会提交到平台。',
  'lms.commit-failed': '学习平台未能保存您最新的进度。请不要关闭此窗口，课程会再次尝试保存。',
  'lrs.queued': '您的学习结果已排队，稍后将发送到学习记录存储。',
  'lrs.unauthorized': '学习记录存储拒绝访问。您的学习结果已保存在本浏览器中，恢复访问后将自动发送：请联系课程管理员。',
  'lrs.offline': '您目前处于离线状态：网络恢复后将发送您的学习结果。',
  'lrs.delivered': '排队的学习结果已发送。',
  'lrs.rejected': '学习记录存储拒绝了部分学习结果。请联系课程管理员。',
  'lrs.session-ended': '本次课程访问已结束。如需继续学习并记录成绩，请从学习平台重新打开本课程。',
  'state.corrupt': '无法读取您保存的进度，课程将从头开始。',
  'state.outdated': '自您上次学习以来课程已更新，课程将从头开始。',
  'storage.unavailable': '此浏览器不允许课程保存进度：关闭窗口后进度将丢失。',
  'status.connected': '已连接到{platform}：您的进度和成绩将记录在该平台。',
  'status.offline': '未连接学习平台：学习进度保存在本浏览器中。',
  'mode.review': '复习模式：您可以查看课程和成绩，但现在的任何操作都不会改变它们。',
  'mode.browse': '浏览模式：您可以浏览课程；考试作答不会被记录。',
  'welcome.greeting': '{name}，欢迎您',
  'welcome.facts': '课程信息',
  'welcome.occupation': '职业',
  'welcome.certificate': '证书',
  'welcome.issuer': '发证机构',
  'welcome.credits': '积分',
  'welcome.credits-value': '{n} 分',
  'welcome.hours': '学习时长',
  'welcome.hours-value': '{n} 学时',
  'welcome.content': '课程内容',
  'welcome.content-value': '{lessons} 课',
  'welcome.content-exam': '{lessons} 课及结业考试',
  'welcome.start': '开始学习',
  'welcome.continue': '继续学习',
  'welcome.completed': '您已完成本课程。',
  'welcome.rule.lessons': '学完所有课程即可完成本课程。',
  'welcome.rule.exam': '通过结业考试即可完成本课程。',
  'welcome.rule.lessons-and-exam': '学完所有课程并通过结业考试即可完成本课程。',
  'lesson.position': '第 {n} 课，共 {total} 课',
  'lesson.pager': '课程翻页',
  'lesson.prev': '上一课',
  'lesson.next': '下一课',
  'lesson.to-exam': '前往考试',
  'lesson.to-overview': '返回课程概览',
  'lesson.table': '表 {n}',
  'q.number': '第 {n} 题，共 {total} 题',
  'q.point': '{n} 分',
  'q.points': '{n} 分',
  'q.unscored': '不计分',
  'q.hint.true-false': '请判断正误。',
  'q.hint.single': '请选择一个答案。',
  'q.hint.multiple': '请选择所有正确答案。',
  'q.hint.numeric': '请输入数字，小数点可用“.”或“,”。',
  'q.hint.matching': '请为每一项选择对应的内容。',
  'q.hint.sequencing': '请用“上移”和“下移”按钮将各项排成正确的顺序。',
  'q.hint.likert': '请在量表中选择一项。',
  'q.hint.essay': '请作答，最多 {max} 个字符。',
  'q.true': '正确',
  'q.false': '错误',
  'q.your-answer': '您的答案',
  'q.choose': '请选择…',
  'q.move-up': '上移',
  'q.move-down': '下移',
  'q.move-up-label': '将“{item}”上移',
  'q.move-down-label': '将“{item}”下移',
  'q.moved': '“{item}”现在位于第 {pos} 位，共 {total} 位。',
  'q.numeric-invalid': '请输入数字，例如 12.5 或 12,5。',
  'q.chars-left': '还可输入 {n} 个字符',
  'practice.label': '练习题',
  'practice.note': '仅供练习：本题不计入成绩。',
  'practice.check': '检查答案',
  'practice.empty': '请先作答，再检查答案。',
  'fb.correct': '回答正确',
  'fb.incorrect': '回答有误',
  'fb.noted': '谢谢，您的回答已记录。',
  'fb.explanation': '解析',
  'exam.title': '结业考试',
  'exam.none': '本课程没有考试。',
  'exam.intro': '考试共 {count} 题，每次作答随机抽题。得分达到 {score}% 即为通过。',
  'exam.attempts': '已用作答次数：{used}/{max}。',
  'exam.attempts-unlimited': '已用作答次数：{used}（不限次数）。',
  'exam.time-limit': '考试时间：{n} 分钟。时间用完后将自动提交答案。',
  'exam.start': '开始第 {n} 次作答',
  'exam.start-practice': '开始练习作答',
  'exam.no-more': '您已用完全部 {max} 次作答机会。',
  'exam.passed': '您已通过本考试。',
  'exam.view-results': '查看成绩',
  'exam.history': '以往作答',
  'exam.history-row': '第 {n} 次：{percent}%，{result}',
  'exam.attempt-heading': '第 {n} 次作答',
  'exam.status': '考试状态',
  'exam.answered': '已答 {n}/{total} 题',
  'exam.time-left': '剩余时间',
  'exam.time-warning': '还剩 {n} 分钟。',
  'exam.time-warning-1': '还剩 1 分钟：时间到时将自动提交您的答案。',
  'exam.time-warning-5': '考试还剩 5 分钟：请检查答案并提交。',
  'exam.time-up': '时间到：您的答案已提交。',
  'exam.submit': '提交答案',
  'exam.confirm-title': '还有未答的题目，确定提交吗？',
  'exam.confirm-body': '共 {total} 题，其中 {n} 题未答或未答完，这些题目不得分。',
  'exam.confirm-yes': '仍然提交',
  'exam.confirm-no': '继续作答',
  'exam.unrecorded': '本次作答仅供练习，不会被记录。',
  'results.title': '考试成绩',
  'results.attempt': '第 {n} 次作答',
  'results.score': '得分',
  'results.points': '{raw}/{max} 分',
  'results.passing': '及格线：{percent}%',
  'results.passed': '通过',
  'results.failed': '未通过',
  'results.passed-text': '恭喜您通过考试！',
  'results.failed-text': '本次未达到及格线。',
  'results.certificate': '您的证书',
  'results.cert-level': '等级',
  'results.cert-issuer': '发证机构',
  'results.cert-credits': '积分',
  'results.retry': '再试一次（第 {n} 次作答）',
  'results.no-retry': '您已没有剩余的作答机会。',
  'results.unrecorded': '复习模式：本次作答未被记录，不会改变您的成绩。',
  'results.answers': '您的作答',
  'results.q-correct': '正确：{score}/{points} 分',
  'results.q-incorrect': '错误：0/{points} 分',
  'results.q-unanswered': '未作答：0/{points} 分',
  'results.q-unscored': '已记录（不计分）',
  'results.q-skipped': '未作答（不计分）',
  'results.no-result': '暂无考试成绩。',
  'recorded.title': '您已记录的成绩',
  'recorded.completed': '已完成',
  'recorded.score': '成绩：{percent}%',
  'recorded.text': '这是{platform}为您记录的结果。本次访问中的任何操作都不会改变它。',
  'completed': '恭喜您完成本课程！',
  'exit.title': '学习已结束',
  'exit.text': '您的进度已保存，现在可以关闭此窗口。',
  'exit.reopen': '重新打开课程',
};

const tables: Record<Language, Messages> = { en, 'zh-CN': zhCN };

/** Look up a string and fill in its `{placeholders}`. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * A translator for a course language (English for anything unknown).
 * @param language `course.language`
 */
export function translator(language: Language | string): Translate {
  const table = tables[language as Language] ?? en;
  return (key, params) =>
    (table[key] ?? en[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}

/** True when a string is a known UI key (notices come from adapters as plain strings). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/**
 * The sentence to show for an adapter notice, detail appended.
 * @param t the course's translator
 * @param notice the notice from `LmsAdapter.onNotice`
 */
export function noticeText(t: Translate, notice: Notice): string {
  const base = isMessageKey(notice.key) ? t(notice.key) : t('notice.unknown', { key: notice.key });
  return notice.detail ? `${base} (${notice.detail})` : base;
}

/**
 * Format a number for display in the course language (decimal comma-free, at most 2 decimals).
 * @param value the number
 * @param language `course.language`
 */
export function formatNumber(value: number, language: string): string {
  try {
    return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
  } catch {
    return String(Math.round(value * 100) / 100);
  }
}
