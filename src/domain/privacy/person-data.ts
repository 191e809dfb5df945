/**
 * What Leadwell holds about one person, as rows (column names as stored, times as ISO text), read by
 * storage/person-data-reader.ts. Notes arrive opened; which ones leave depends on who asks (person-export.ts).
 */
export type Row = Record<string, unknown>;

export interface OneOnOneRow extends Row {
  id: number;
  manager_id: string;
  report_id: string;
  held_on: string;
  summary_sent: boolean;
  /** Opened note text; '' when none. */
  notes: string;
  items: Row[];
}

export interface PersonData {
  person?: Row;
  goals: Row[];
  goalCheckIns: Row[];
  plan?: Row;
  planNextSteps: Row[];
  planSuggestions: Row[];
  kudosGiven: Row[];
  kudosReceived: Row[];
  oneOnOnesAsManager: OneOnOneRow[];
  oneOnOnesAsReport: OneOnOneRow[];
  reportingLineRequests: Row[];
  nudges: Row[];
  events: Row[];
  goalReminderOptOut?: Row;
}

export interface PersonDataReader {
  read(personId: string): Promise<PersonData>;
}
