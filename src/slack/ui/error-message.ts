import type { KnownBlock } from '@slack/types';

export interface ErrorMessageModel {
  ref: string;
  /** A DomainError's user-safe message; otherwise a generic apology. */
  userText?: string;
}

export function errorMessage(model: ErrorMessageModel): { text: string; blocks: KnownBlock[] } {
  const headline = model.userText ?? 'Sorry, something went wrong on our side and nothing was changed.';
  const text = `${headline} (reference ${model.ref})`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:warning: ${headline}` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `If it keeps happening, tell your Leadwell admin this reference: \`${model.ref}\`` }],
      },
    ],
  };
}
