import type { HomeView } from '@slack/types';
import { coachHelp } from './coach-help';

export function homePlaceholder(): HomeView {
  return { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Leadwell' } }, ...coachHelp().blocks] };
}
