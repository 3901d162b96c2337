/** The QTI 2.1 export's work (see qti.ts), loaded only when a build makes one. */
import { CONTENT_PREFIX, shufflesChoices, UNSCORED_TYPES, type Course, type Question, type QuestionBank } from '../course/model.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import { missingFileReason, questionCourseFiles, reportLeftOut, type CourseFiles } from './course-files.js';
import { assessmentItem, itemIdentifier, QTI_NS } from './qti-items.js';
import type { ExportResult } from './target.js';
import { escapeXml } from './xml.js';

const itemPath = (id: string) => `items/${id}.xml`;
/** An item's HTML names a course file `content/…`, which resolves beside the items. */
const filePath = (relative: string) => `items/${CONTENT_PREFIX}${relative}`;
const testPath = (course: Course) => `tests/${course.id}-exam.xml`;

function assessmentTest(course: Course, exported: Set<Question>): string | null {
  const exam = course.exam;
  if (!exam) return null;
  const banks = new Map(course.banks.map((b) => [b.id, b]));
  const sections = exam.draws.map((draw, i) => {
    const bank = banks.get(draw.bank) as QuestionBank;
    // Unscored questions (likert, essay) are drawn only when the draw says `surveys: true`.
    const drawable = (draw.surveys ? bank.questions : bank.questions.filter((q) => !UNSCORED_TYPES.includes(q.type))).filter((q) => exported.has(q));
    const refs = drawable.map((q) => {
      const id = itemIdentifier(q);
      const weight = q.points !== 1 ? `<weight identifier="W" value="${q.points}"/>` : '';
      return `<assessmentItemRef identifier="${id}" href="../${itemPath(id)}">${weight}</assessmentItemRef>`;
    });
    return `<assessmentSection identifier="section-${i + 1}-${escapeXml(bank.id)}" title="${escapeXml(bank.title)}" visible="true">`
      + `<selection select="${draw.count}"/><ordering shuffle="${exam.shuffleQuestions}"/>${refs.join('')}</assessmentSection>`;
  });
  const timeLimit = exam.timeLimitMinutes ? `<timeLimits maxTime="${exam.timeLimitMinutes * 60}"/>` : '';
  const pass = exam.passingScore / 100;
  return `<?xml version="1.0" encoding="UTF-8"?>
<assessmentTest xmlns="${QTI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${QTI_NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd" identifier="test-${escapeXml(course.id)}" title="${escapeXml(course.title)}">
<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"><defaultValue><value>0</value></defaultValue></outcomeDeclaration>
<outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float"><defaultValue><value>0</value></defaultValue></outcomeDeclaration>
<outcomeDeclaration identifier="PASS" cardinality="single" baseType="boolean"><defaultValue><value>false</value></defaultValue></outcomeDeclaration>
${timeLimit}<testPart identifier="part-1" navigationMode="nonlinear" submissionMode="simultaneous">
${sections.join('\n')}
</testPart>
<outcomeProcessing>
<setOutcomeValue identifier="SCORE"><sum><testVariables variableIdentifier="SCORE" weightIdentifier="W"/></sum></setOutcomeValue>
<setOutcomeValue identifier="MAXSCORE"><sum><testVariables variableIdentifier="MAXSCORE" weightIdentifier="W"/></sum></setOutcomeValue>
<outcomeCondition><outcomeIf><and><gt><variable identifier="MAXSCORE"/><baseValue baseType="float">0</baseValue></gt><gte><divide><variable identifier="SCORE"/><variable identifier="MAXSCORE"/></divide><baseValue baseType="float">${pass}</baseValue></gte></and>
<setOutcomeValue identifier="PASS"><baseValue baseType="boolean">true</baseValue></setOutcomeValue></outcomeIf></outcomeCondition>
</outcomeProcessing>
</assessmentTest>
`;
}

function manifest(course: Course, items: Array<{ id: string; files: string[] }>, test: boolean): string {
  const href = (file: string) => escapeXml(encodeURI(file));
  const resources = items.map(({ id, files }) => `<resource identifier="res-${id}" type="imsqti_item_xmlv2p1" href="${itemPath(id)}"><file href="${itemPath(id)}"/>${files.map((f) => `<file href="${href(filePath(f))}"/>`).join('')}</resource>`);
  if (test) {
    resources.push(`<resource identifier="res-test-${escapeXml(course.id)}" type="imsqti_test_xmlv2p1" href="${testPath(course)}"><file href="${testPath(course)}"/>${items.map(({ id }) => `<dependency identifierref="res-${id}"/>`).join('')}</resource>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:imsmd="http://ltsc.ieee.org/xsd/LOM" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd" identifier="qti-${escapeXml(course.id)}">
<metadata><schema>QTIv2.1 Package</schema><schemaversion>2.1</schemaversion></metadata>
<organizations/>
<resources>
${resources.join('\n')}
</resources>
</manifest>
`;
}

/** The QTI package of a course: manifest, one item per bank question with the course files it shows, and the exam's test. */
export function qtiPackage(course: Course, files: CourseFiles): ExportResult {
  const sink = new DiagnosticSink();
  const shuffleChoices = shufflesChoices(course);
  const carried = new Map<string, Buffer>();
  const exported: Array<{ question: Question; files: string[] }> = [];
  for (const bank of course.banks) {
    for (const question of bank.questions) {
      const shown = questionCourseFiles(question);
      const unreadable = shown.find((f) => !carried.has(f) && files(f) === null);
      if (unreadable !== undefined) {
        reportLeftOut(sink, course, bank, question, missingFileReason(unreadable), `${course.id}-qti.zip`);
        continue;
      }
      for (const f of shown) if (!carried.has(f)) carried.set(f, files(f)!);
      exported.push({ question, files: shown });
    }
  }
  const questions = exported.map((e) => e.question);
  const test = assessmentTest(course, new Set(questions));
  const entries = [
    { path: 'imsmanifest.xml', data: manifest(course, exported.map((e) => ({ id: itemIdentifier(e.question), files: e.files })), test !== null) },
    ...questions.map((q) => ({ path: itemPath(itemIdentifier(q)), data: assessmentItem(q, shuffleChoices, course.language) })),
    ...(test ? [{ path: testPath(course), data: test }] : []),
    ...[...carried].map(([relative, data]) => ({ path: filePath(relative), data })),
  ];
  return { entries, diagnostics: sink.items };
}
