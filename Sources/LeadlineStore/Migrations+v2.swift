extension Migrations {
    /// v2: follow-up sequences and sending (issue 6). Enrolment per lead, the outbox, loop-prevention and
    /// suppression records, and the sequencer's cursor over ingested messages.
    static let v2 = """
        -- A lead's place in its follow-up sequence (at most one per lead; a re-enrolment replaces the ended one).
        -- The indexed columns mirror `state`, the planner's full SequenceState as JSON.
        CREATE TABLE enrolment (
          lead_id INTEGER PRIMARY KEY REFERENCES lead(id) ON DELETE CASCADE,
          account TEXT NOT NULL CHECK (account <> ''),
          sequence TEXT NOT NULL CHECK (sequence <> ''),
          step_index INTEGER NOT NULL CHECK (step_index >= 0),
          status TEXT NOT NULL CHECK (status IN ('active','paused','stopped','completed')),
          next_due DATETIME,
          paused_until DATETIME,
          stop_reason TEXT,
          jitter_seed INTEGER NOT NULL,
          thread_message_id TEXT,
          thread_references TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(thread_references)),
          thread_subject TEXT,
          state TEXT NOT NULL CHECK (json_valid(state)),
          enrolled_at DATETIME NOT NULL,
          updated_at DATETIME NOT NULL,
          CHECK (status <> 'stopped' OR stop_reason IS NOT NULL)
        );
        CREATE INDEX enrolment_on_due ON enrolment(status, next_due);

        -- Every message Leadline sends: rendered bytes first, then delivered. queued -> sending -> sent | retry |
        -- failed; a message found in `sending` after a crash is held for a person (never resent blindly).
        CREATE TABLE outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          account TEXT NOT NULL CHECK (account <> ''),
          lead_id INTEGER REFERENCES lead(id) ON DELETE CASCADE,
          step_index INTEGER NOT NULL CHECK (step_index >= 0),
          template TEXT NOT NULL CHECK (template <> ''),
          language TEXT NOT NULL,
          sender TEXT NOT NULL CHECK (sender LIKE '%_@_%'),
          recipient TEXT NOT NULL COLLATE NOCASE CHECK (recipient LIKE '%_@_%'),
          message_id TEXT NOT NULL UNIQUE CHECK (message_id <> ''),
          subject TEXT NOT NULL,
          bytes BLOB NOT NULL,
          is_auto_reply INTEGER NOT NULL DEFAULT 0 CHECK (is_auto_reply IN (0, 1)),
          state TEXT NOT NULL CHECK (state IN ('queued','sending','sent','retry','failed','held')),
          attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
          next_attempt DATETIME NOT NULL,
          queued_at DATETIME NOT NULL,
          sent_at DATETIME,
          last_error TEXT,
          CHECK (state <> 'sent' OR sent_at IS NOT NULL)
        );
        CREATE INDEX outbox_on_due ON outbox(state, next_attempt);
        CREATE INDEX outbox_on_account_sent ON outbox(account, sent_at);
        CREATE INDEX outbox_on_recipient_sent ON outbox(recipient, sent_at);
        CREATE INDEX outbox_on_lead ON outbox(lead_id);

        -- The last automatic reply per address (RFC 3834 loop prevention, across restarts).
        CREATE TABLE auto_reply (
          address TEXT PRIMARY KEY COLLATE NOCASE CHECK (address <> ''),
          last_at DATETIME NOT NULL
        );

        -- Addresses never written to again: the buyer unsubscribed, or mail to it failed permanently.
        CREATE TABLE suppressed_address (
          address TEXT PRIMARY KEY COLLATE NOCASE CHECK (address <> ''),
          reason TEXT NOT NULL CHECK (reason IN ('unsubscribed','bounced')),
          detail TEXT NOT NULL DEFAULT '',
          since DATETIME NOT NULL
        );

        -- How far the sequencer has read the ingested messages. Starts after the messages stored before v2, so an
        -- upgrade does not answer old mail.
        CREATE TABLE sequencer_cursor (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          last_message_row INTEGER NOT NULL CHECK (last_message_row >= 0)
        );
        INSERT INTO sequencer_cursor (id, last_message_row) SELECT 1, COALESCE(MAX(id), 0) FROM message;
        """
}
