import Foundation
import GRDB

/// What a mail source needs to list only new messages.
extension LeadlineDatabase {
    /// The source keys stored for one mailbox under one validity: the "already ingested" set of a local source
    /// (Maildir unique names, `.eml` relative paths), whose keys do not grow like IMAP UIDs.
    public func storedKeys(account: String, mailbox: String, uidValidity: Int64) throws -> Set<String> {
        try writer.read { db in
            try Set(String.fetchAll(db, sql: """
                SELECT message.source_key FROM message
                JOIN mailbox ON mailbox.id = message.mailbox_id JOIN account ON account.id = mailbox.account_id
                WHERE account.name = ? AND mailbox.name = ? AND message.uid_validity = ?
                """, arguments: [account, mailbox, uidValidity]))
        }
    }

    /// True when the lead has had at least one message from us (an `our_reply` event): a later message from the
    /// same address is then an answer, even when it is not threaded.
    public func hasOurReply(leadID: Int64) throws -> Bool {
        try writer.read { db in try Self.hasOurReply(db, leadID: leadID) }
    }

    static func hasOurReply(_ db: Database, leadID: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM lead_event WHERE lead_id = ? AND kind = 'our_reply')
            """), arguments: [leadID]) ?? false
    }
}
