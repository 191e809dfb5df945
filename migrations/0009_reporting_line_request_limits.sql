-- Limits on asking for reporting lines (attack run on issue 15 item 1): each ask DMs the person and their
-- manager, so a plain employee could DM the whole workspace from one "My team" submit, and re-ask someone
-- the moment they said "Not me". The service counts a requester's recent asks and looks up the last
-- decision for a person and proposed manager; these indexes let both seek instead of scanning.
-- Adds indexes only.

CREATE INDEX reporting_line_requests_requester ON reporting_line_requests(requested_by, created_at);
CREATE INDEX reporting_line_requests_pair ON reporting_line_requests(person_id, to_manager_id, decided_at);
