import GRDB

/// The schema's history: append-only, written in SQL strings, never in terms of app types.
///
/// A shipped migration never changes. A schema change is a new `registerMigration` call at the end.
/// Every table states its invariants (NOT NULL, CHECK, foreign keys with cascades) so that the database
/// refuses bad data even if a future caller forgets a rule.
enum Migrations {
    /// The kinds a lead or message may carry; mirrors `LeadKind` raw values at the time of writing.
    private static let kinds = "'serious_buyer','price_comparer','info_gatherer','not_lead'"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: v4)
        }
        return migrator
    }

    static let v1 = """
        CREATE TABLE account (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          name TEXT NOT NULL UNIQUE CHECK (name <> '')
        );

        CREATE TABLE mailbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
          name TEXT NOT NULL CHECK (name <> ''),
          uid_validity INTEGER NOT NULL DEFAULT 0 CHECK (uid_validity >= 0),
          last_uid INTEGER NOT NULL DEFAULT 0 CHECK (last_uid >= 0),
          UNIQUE (account_id, name)
        );

        -- Raw message bytes, content-addressed by SHA-256: stored once however many mailboxes hold the message.
        CREATE TABLE message_content (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
          size INTEGER NOT NULL CHECK (size >= 0),
          bytes BLOB NOT NULL
        );

        CREATE TABLE lead (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          address TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (address LIKE '%_@_%'),
          name TEXT,
          company TEXT,
          country TEXT,
          language TEXT,
          kind TEXT NOT NULL CHECK (kind IN (\(kinds))),
          kind_source TEXT NOT NULL DEFAULT 'classifier' CHECK (kind_source IN ('classifier','person')),
          confidence REAL NOT NULL CHECK (confidence BETWEEN 0 AND 1),
          owner TEXT,
          stage TEXT NOT NULL DEFAULT 'prospect'
            CHECK (stage IN ('prospect','engaged','customer','repeat_customer','dormant','lost')),
          industry TEXT,
          region TEXT,
          value REAL CHECK (value IS NULL OR value >= 0),
          first_seen DATETIME NOT NULL,
          last_seen DATETIME NOT NULL,
          CHECK (last_seen >= first_seen)
        );
        CREATE INDEX lead_on_last_seen ON lead(last_seen);

        CREATE TABLE message (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          mailbox_id INTEGER NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,
          uid_validity INTEGER NOT NULL CHECK (uid_validity >= 0),
          source_key TEXT NOT NULL CHECK (source_key <> ''),
          content_id INTEGER NOT NULL REFERENCES message_content(id) ON DELETE RESTRICT,
          duplicate_of INTEGER REFERENCES message(id) ON DELETE CASCADE,
          message_id TEXT,
          subject TEXT,
          from_address TEXT COLLATE NOCASE,
          from_name TEXT,
          sent_at DATETIME,
          received_at DATETIME NOT NULL,
          kind TEXT CHECK (kind IS NULL OR kind IN (\(kinds))),
          confidence REAL CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1),
          reasons TEXT CHECK (reasons IS NULL OR json_valid(reasons)),
          facts TEXT CHECK (facts IS NULL OR json_valid(facts)),
          error TEXT,
          lead_id INTEGER REFERENCES lead(id) ON DELETE CASCADE,
          UNIQUE (mailbox_id, uid_validity, source_key)
        );
        CREATE INDEX message_on_message_id ON message(message_id);
        CREATE INDEX message_on_content ON message(content_id);
        CREATE INDEX message_on_lead ON message(lead_id);
        CREATE INDEX message_on_from ON message(from_address);
        CREATE INDEX message_on_duplicate ON message(duplicate_of);

        CREATE TABLE lead_event (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          lead_id INTEGER NOT NULL REFERENCES lead(id) ON DELETE CASCADE,
          kind TEXT NOT NULL CHECK (kind IN ('inquiry','our_reply','their_reply','note','kind_correction')),
          occurred_at DATETIME NOT NULL,
          message_row_id INTEGER REFERENCES message(id) ON DELETE SET NULL,
          message_id TEXT,
          summary TEXT NOT NULL DEFAULT '',
          actor TEXT
        );
        CREATE INDEX lead_event_on_lead ON lead_event(lead_id, occurred_at);
        CREATE INDEX lead_event_on_message_id ON lead_event(message_id);

        -- A person's correction of a lead's kind, kept with the message the classifier judged: training data.
        CREATE TABLE kind_correction (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          lead_id INTEGER NOT NULL REFERENCES lead(id) ON DELETE CASCADE,
          message_row_id INTEGER REFERENCES message(id) ON DELETE SET NULL,
          old_kind TEXT NOT NULL CHECK (old_kind IN (\(kinds))),
          new_kind TEXT NOT NULL CHECK (new_kind IN (\(kinds))),
          corrected_by TEXT NOT NULL CHECK (corrected_by <> ''),
          corrected_at DATETIME NOT NULL
        );
        CREATE INDEX kind_correction_on_lead ON kind_correction(lead_id);

        -- A message that could not be parsed or classified. The message row keeps its raw bytes.
        CREATE TABLE problem (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          message_row_id INTEGER NOT NULL UNIQUE REFERENCES message(id) ON DELETE CASCADE,
          stage TEXT NOT NULL CHECK (stage IN ('fetch','parse','classify','store')),
          error TEXT NOT NULL CHECK (error <> ''),
          occurred_at DATETIME NOT NULL
        );

        -- Who did what, without personal data (no addresses, names or message text).
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          occurred_at DATETIME NOT NULL,
          actor TEXT NOT NULL CHECK (actor <> ''),
          action TEXT NOT NULL CHECK (action <> ''),
          detail TEXT NOT NULL DEFAULT ''
        );
        """
}
