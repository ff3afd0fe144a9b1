// Reply drafts from templates (draft.ts, templates.ts) and the compliance check of replies (lint.ts, rules.ts).
export { createReplyDrafter, draftReply, DraftInputSchema, ReplyOptionsSchema, SlotValuesSchema, type DraftInput, type ReplyDrafter, type ReplyOptions, type SlotValues } from './draft.js';
export { lintReply, LintOptionsSchema, type LintOptions } from './lint.js';
export { parseTemplates, readTemplatesFile, SLOT_NAMES, TemplateSchema, TemplateSet, type ReplyTemplate, type SlotName, type TemplateFile, type TemplateSource } from './templates.js';
export { unboundedRepetition } from './rules.js';
