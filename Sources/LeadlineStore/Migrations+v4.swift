extension Migrations {
    /// v4: the outbox's indexes by sent time hold sent messages only (partial indexes). Queuing a message then
    /// writes no entry into them: the scheduler queues thousands at a tick, each an entry at a random place of the
    /// by-recipient index, while the sender marks a few hundred a day sent. Their queries all ask for a sent time.
    static let v4 = """
        DROP INDEX outbox_on_account_sent;
        DROP INDEX outbox_on_recipient_sent;
        CREATE INDEX outbox_on_account_sent ON outbox(account, sent_at) WHERE sent_at IS NOT NULL;
        CREATE INDEX outbox_on_recipient_sent ON outbox(recipient, sent_at) WHERE sent_at IS NOT NULL;
        """
}
