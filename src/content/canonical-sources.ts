import type { GuidanceSourceRef } from '../domain/ports';

/**
 * The spellings prompts/ credits its sources with (prompts/README.md). A work on this list must be credited
 * exactly so; any other work must be credited the same way everywhere it appears.
 */
export const CANONICAL_SOURCES: readonly GuidanceSourceRef[] = [
  { author: 'Mark Horstman', work: 'The Effective Manager', year: 2016 },
  { author: 'Kim Scott', work: 'Radical Candor', year: 2017 },
  { author: 'Lara Hogan', work: 'Resilient Management', year: 2019 },
  { author: 'John Whitmore', work: 'Coaching for Performance', year: 1992 },
  { author: 'Center for Creative Leadership', work: 'Feedback That Works', year: 2000 },
  { author: 'Andrew S. Grove', work: 'High Output Management', year: 1983 },
  { author: 'Camille Fournier', work: "The Manager's Path", year: 2017 },
  { author: 'Michael D. Watkins', work: 'The First 90 Days', year: 2003 },
  { author: 'Beverly Kaye and Sharon Jordan-Evans', work: "Love 'Em or Lose 'Em", year: 1999 },
  { author: 'Amy C. Edmondson', work: 'The Fearless Organization', year: 2018 },
  { author: 'Michael Bungay Stanier', work: 'The Coaching Habit', year: 2016 },
  { author: 'Patrick Lencioni', work: 'The Five Dysfunctions of a Team', year: 2002 },
  { author: 'Patrick Lencioni', work: 'The Advantage', year: 2012 },
  { author: 'Ram Charan, Stephen Drotter and James Noel', work: 'The Leadership Pipeline', year: 2001 },
  { author: 'Douglas Stone and Sheila Heen', work: 'Thanks for the Feedback', year: 2014 },
  { author: 'Kerry Patterson, Joseph Grenny, Ron McMillan and Al Switzler', work: 'Crucial Conversations', year: 2002 },
  { author: 'Daniel H. Pink', work: 'Drive', year: 2009 },
  { author: 'Teresa Amabile and Steven Kramer', work: 'The Progress Principle', year: 2011 },
  { author: 'Will Larson', work: 'An Elegant Puzzle', year: 2019 },
  { author: 'Ben Horowitz', work: 'The Hard Thing About Hard Things', year: 2014 },
  { author: 'Julie Zhuo', work: 'The Making of a Manager', year: 2019 },
  { author: 'Linda A. Hill', work: 'Becoming a Manager', year: 1992 },
  { author: 'Marcus Buckingham and Curt Coffman', work: 'First, Break All the Rules', year: 1999 },
  { author: 'Edgar H. Schein', work: 'Humble Inquiry', year: 2013 },
  { author: 'Marshall Goldsmith', work: "What Got You Here Won't Get You There", year: 2007 },
  { author: 'Ronald A. Heifetz and Marty Linsky', work: 'Leadership on the Line', year: 2002 },
  { author: 'William Bridges', work: 'Managing Transitions', year: 1991 },
  { author: 'John P. Kotter', work: 'Leading Change', year: 1996 },
  { author: 'L. David Marquet', work: 'Turn the Ship Around!', year: 2012 },
  { author: 'William Oncken Jr. and Donald L. Wass', work: "Management Time: Who's Got the Monkey?", year: 1974 },
  { author: 'John J. Gabarro and John P. Kotter', work: 'Managing Your Boss', year: 1980 },
  { author: 'Liz Wiseman', work: 'Multipliers', year: 2010 },
  { author: 'Geoff Smart and Randy Street', work: 'Who: The A Method for Hiring', year: 2008 },
  { author: 'Erin Meyer', work: 'The Culture Map', year: 2014 },
  { author: 'Tsedal Neeley', work: 'Remote Work Revolution', year: 2021 },
  { author: 'Ram Charan, Dennis Carey and Michael Useem', work: 'Boards That Lead', year: 2014 },
  { author: 'Claire Hughes Johnson', work: 'Scaling People', year: 2023 },
  { author: 'Susan Scott', work: 'Fierce Conversations', year: 2002 },
  { author: 'Ed Catmull', work: 'Creativity, Inc.', year: 2014 },
  { author: 'Jim Collins', work: 'Good to Great', year: 2001 },
  { author: 'Richard P. Finnegan', work: 'The Stay Interview', year: 2015 },
];

/** A work's identity whatever its punctuation or case: "the managers path" = "The Manager's Path". */
export function workKey(work: string): string {
  return work.toLowerCase().replace(/[’']/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
