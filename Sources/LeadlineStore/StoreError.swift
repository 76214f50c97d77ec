/// A store operation that cannot be done, with what and where. Never carries message text or secrets.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// The message's location is already stored.
        case alreadyStored
        /// The message's UIDVALIDITY differs from the mailbox's: call `resetMailbox` first.
        case uidValidityMismatch
        /// No lead with that id or address.
        case leadNotFound
        /// An inquiry without a sender address cannot make a lead.
        case missingSender
        /// A value the schema refuses (a confidence outside 0...1, invalid JSON).
        case invalidValue
        /// The backup could not be written.
        case backupFailed
    }

    public var code: Code
    /// The specifics, already phrased for people: `sales/INBOX UID 42 is already stored`.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
