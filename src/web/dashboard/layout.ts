/** The page shell: our own stylesheet and scripts only (the CSP allows nothing else), no inline script or style. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface ShellOptions {
  title: string;
  body: string;
  /** Charts need uPlot and our script; the sign-in and notice pages need neither. */
  charts?: boolean;
  signOut?: { csrf: string; name: string };
}

export function shell(o: ShellOptions): string {
  const scripts = o.charts
    ? '<link rel="stylesheet" href="/dashboard/static/uPlot.min.css">\n<script src="/dashboard/static/uPlot.iife.min.js" defer></script>\n<script src="/dashboard/static/dashboard.js" defer></script>'
    : '';
  const account = o.signOut
    ? `<form class="account" method="post" action="/dashboard/auth/logout"><span>Signed in as ${esc(o.signOut.name)}</span>` +
      `<input type="hidden" name="csrf" value="${esc(o.signOut.csrf)}"><button type="submit">Sign out</button></form>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/static/dashboard.css">
${scripts}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><span class="brand">Leadwell <span class="tag">dashboard</span></span>${account}</header>
<main id="main">
${o.body}
</main>
</body>
</html>
`;
}

export function notice(title: string, paragraphs: string[], extra = ''): string {
  return `<section class="notice"><h1>${esc(title)}</h1>${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}${extra}</section>`;
}

export function signInPage(message?: string): string {
  return shell({
    title: 'Sign in — Leadwell dashboard',
    body: notice(
      'Leadwell dashboard',
      [...(message ? [message] : []), 'Charts of how management habits are growing: 1:1 cadence, recognition, nudges, goals and the upward pulse. Sign in with your Slack account; you see what /coach report shows you in Slack.'],
      '<p><a class="button" href="/dashboard/auth/login">Sign in with Slack</a></p>',
    ),
  });
}

export function nothingPage(name: string, csrf: string): string {
  return shell({
    title: 'Leadwell dashboard',
    signOut: { csrf, name },
    body: notice('Nothing here for you yet', [
      `Thanks for stopping by, ${name}. This dashboard shows managers the habits of their own teams, and Leadwell admins the whole organisation.`,
      'Nobody reports to you in Leadwell, so there is nothing to show. If that is wrong, your manager or a Leadwell admin can update the org chart, or you can add your reports from the Leadwell Home tab in Slack.',
    ]),
  });
}

export function problemPage(title: string, message: string, signOut?: ShellOptions['signOut']): string {
  return shell({ title: `${title} — Leadwell dashboard`, signOut, body: notice(title, [message], '<p><a href="/dashboard">Back to the dashboard</a></p>') });
}
