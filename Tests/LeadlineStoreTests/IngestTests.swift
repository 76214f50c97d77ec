import Foundation
import GRDB
import LeadlineCore
import Testing
@testable import LeadlineStore

@Suite("Ingest: recording messages exactly once")
struct IngestTests {
    @Test("an inquiry creates a lead, an inquiry event and advances the mailbox's last UID")
    func inquiryCreatesLead() throws {
        // Given an empty store
        let store = try LeadlineDatabase.inMemory()
        // When an inquiry is recorded
        let result = try store.recordIngested(inquiry(uid: 12), as: .inquiry(seriousVerdict, nigeria), now: T.day(1))
        // Then the lead, its timeline and the mailbox state are all there
        #expect(result.createdLead)
        let leadID = try #require(result.leadID)
        let detail = try #require(try store.lead(id: leadID))
        #expect(detail.lead.address == "ade@lagosbuild.ng")
        #expect(detail.lead.name == "Adebayo Okafor")
        #expect(detail.lead.company == "Lagos Build Ltd")
        #expect(detail.lead.kind == .seriousBuyer)
        #expect(detail.lead.stage == .prospect)
        #expect(detail.lead.firstSeen == T.day0)
        #expect(detail.messageCount == 1)
        #expect(detail.timeline.map(\.kind) == [.inquiry])
        #expect(detail.timeline.first?.messageID == "m12.INBOX@lagosbuild.ng")
        #expect(try store.mailboxState(account: "sales", mailbox: "INBOX") == MailboxState(uidValidity: 7, lastUID: 12))
        #expect(try store.hasMessage(.imap(account: "sales", mailbox: "INBOX", uidValidity: 7, uid: 12)))
        #expect(try !store.hasMessage(.imap(account: "sales", mailbox: "INBOX", uidValidity: 7, uid: 13)))
    }

    @Test("the raw bytes come back exactly as fetched, with reasons and facts as JSON")
    func rawBytesKept() throws {
        let store = try LeadlineDatabase.inMemory()
        let bytes = Data([0x46, 0x72, 0x6f, 0x6d, 0x3a, 0x20, 0xff, 0xfe, 0x00, 0x0d, 0x0a])
        var message = inquiry(uid: 1)
        message = IncomingMessage(
            location: message.location, raw: bytes, messageID: message.messageID, fromAddress: message.fromAddress)
        let result = try store.recordIngested(message, as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        #expect(try store.rawMessage(rowID: result.messageRowID) == bytes)
        let row = try #require(try store.message(rowID: result.messageRowID))
        #expect(row.reasons == #"["names 2x40HQ to Lagos, CIF"]"#)
        #expect(row.facts == #"{"incoterm":"CIF","port":"Lagos"}"#)
    }

    @Test("recording the same location twice is refused and changes nothing")
    func sameLocationTwice() throws {
        let store = try LeadlineDatabase.inMemory()
        try store.recordIngested(inquiry(uid: 5), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        #expect(throws: StoreError(.alreadyStored, "sales/INBOX UID 5 is already stored")) {
            try store.recordIngested(inquiry(uid: 5), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        }
        #expect(try store.listLeads().first?.messageCount == 1)
    }

    @Test("a failure inside the transaction leaves no message, lead or advanced UID behind")
    func atomicRecording() throws {
        // Given a store, and an inquiry whose facts are not a JSON object
        let store = try LeadlineDatabase.inMemory()
        let bad = Classification(kind: .seriousBuyer, confidence: 0.9, reasons: [], factsJSON: "[1,2]")
        // When it is recorded
        #expect(throws: StoreError.self) {
            try store.recordIngested(inquiry(uid: 9), as: .inquiry(bad, nigeria), now: T.day0)
        }
        // Then nothing at all was written
        #expect(try store.listLeads().isEmpty)
        #expect(try !store.hasMessage(inquiry(uid: 9).location))
        #expect(try store.mailboxState(account: "sales", mailbox: "INBOX")?.lastUID ?? 0 == 0)
    }

    @Test("a second inquiry from the same address, in other case, updates the one lead")
    func oneLeadPerAddress() throws {
        let store = try LeadlineDatabase.inMemory()
        try store.recordIngested(inquiry(uid: 1, name: nil), as: .inquiry(comparerVerdict, LeadProfile()), now: T.day0)
        let second = inquiry(uid: 2, from: "ADE@LagosBuild.NG", sentAt: T.day(3))
        let result = try store.recordIngested(second, as: .inquiry(seriousVerdict, nigeria), now: T.day(3))
        #expect(!result.createdLead)
        let leads = try store.listLeads()
        #expect(leads.count == 1)
        #expect(leads[0].messageCount == 2)
        #expect(leads[0].lead.kind == .seriousBuyer)
        #expect(leads[0].lead.name == "Adebayo Okafor")
        #expect(leads[0].lead.lastSeen == T.day(3))
        #expect(leads[0].lead.firstSeen == T.day0)
    }

    @Test("a Date header in the future is clamped to the time of recording")
    func futureDateClamped() throws {
        let store = try LeadlineDatabase.inMemory()
        let result = try store.recordIngested(
            inquiry(uid: 1, sentAt: T.day(400)), as: .inquiry(seriousVerdict, nigeria), now: T.day(1))
        let leadID = try #require(result.leadID)
        #expect(try store.lead(id: leadID)?.lead.lastSeen == T.day(1))
    }

    @Test("a not-lead is stored with its verdict but makes no lead")
    func notLeadMakesNoLead() throws {
        let store = try LeadlineDatabase.inMemory()
        let result = try store.recordIngested(inquiry(uid: 3, from: "mailer-daemon@mx.example"), as: .notLead(autoReplyVerdict), now: T.day0)
        #expect(result.leadID == nil)
        #expect(try store.listLeads().isEmpty)
        #expect(try store.message(rowID: result.messageRowID)?.kind == .notLead)
    }

    @Test("an inquiry without a sender address is refused with where it came from")
    func inquiryNeedsSender() throws {
        let store = try LeadlineDatabase.inMemory()
        let message = IncomingMessage(location: .imap(account: "sales", mailbox: "INBOX", uidValidity: 7, uid: 4), raw: Data("x".utf8))
        let error = #expect(throws: StoreError.self) {
            try store.recordIngested(message, as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        }
        #expect(error?.code == .missingSender)
        #expect(error?.message.contains("sales/INBOX UID 4") == true)
    }

    @Test("a copy in another mailbox is found by Message-ID or by content, and recorded without a second lead")
    func duplicatesAcrossMailboxes() throws {
        // Given an inquiry stored from INBOX
        let store = try LeadlineDatabase.inMemory()
        let original = inquiry(uid: 1)
        let stored = try store.recordIngested(original, as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        // When the same message turns up in Archive
        let copy = inquiry(uid: 40, messageID: "m1.INBOX@lagosbuild.ng", mailbox: "Archive")
        let byID = try store.findDuplicate(messageID: copy.messageID, hash: "0000")
        let byHash = try store.findDuplicate(messageID: nil, hash: original.sha256)
        #expect(byID == stored.messageRowID)
        #expect(byHash == stored.messageRowID)
        let copyRow = try store.recordDuplicate(copy, of: try #require(byID), now: T.day(1))
        // Then it is known at its location, belongs to the lead, and is not counted twice
        #expect(try store.hasMessage(copy.location))
        #expect(try store.message(rowID: copyRow)?.duplicateOf == stored.messageRowID)
        #expect(try store.listLeads().first?.messageCount == 1)
        let leadID = try #require(stored.leadID)
        #expect(try store.lead(id: leadID)?.timeline.count == 1)
        #expect(try store.mailboxState(account: "sales", mailbox: "Archive")?.lastUID == 40)
        #expect(try !store.isDuplicate(messageID: "other@x", hash: "ffff"))
    }

    @Test("a UIDVALIDITY change resets the mailbox; re-reading finds only duplicates")
    func uidValidityChange() throws {
        // Given two messages read under UIDVALIDITY 7
        let store = try LeadlineDatabase.inMemory()
        _ = try store.beginSync(account: "sales", mailbox: "INBOX", uidValidity: 7, now: T.day0)
        try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        try store.recordIngested(inquiry(uid: 2), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        // When the server reports UIDVALIDITY 8
        let sync = try store.beginSync(account: "sales", mailbox: "INBOX", uidValidity: 8, now: T.day(1))
        #expect(sync.wasReset)
        #expect(sync.state == MailboxState(uidValidity: 8, lastUID: 0))
        // Then re-reading (new UIDs, same messages) records copies, never new messages
        for (newUID, oldUID) in [(101, 1), (102, 2)] as [(Int64, Int64)] {
            let again = inquiry(uid: newUID, messageID: "m\(oldUID).INBOX@lagosbuild.ng", uidValidity: 8)
            let original = try #require(try store.findDuplicate(messageID: again.messageID, hash: again.sha256))
            try store.recordDuplicate(again, of: original, now: T.day(1))
        }
        #expect(try store.listLeads().first?.messageCount == 2)
        #expect(try store.mailboxState(account: "sales", mailbox: "INBOX") == MailboxState(uidValidity: 8, lastUID: 102))
        #expect(try store.auditLog().map(\.action) == ["reset_mailbox"])
    }

    @Test("recording under a stale UIDVALIDITY is refused")
    func staleUIDValidity() throws {
        let store = try LeadlineDatabase.inMemory()
        try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        try store.resetMailbox(account: "sales", mailbox: "INBOX", uidValidity: 9, now: T.day0)
        let error = #expect(throws: StoreError.self) {
            try store.recordIngested(inquiry(uid: 2, uidValidity: 7), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        }
        #expect(error?.code == .uidValidityMismatch)
    }

    @Test("beginSync on an unchanged mailbox returns its last UID without resetting")
    func beginSyncUnchanged() throws {
        let store = try LeadlineDatabase.inMemory()
        try store.recordIngested(inquiry(uid: 30), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        let sync = try store.beginSync(account: "sales", mailbox: "INBOX", uidValidity: 7, now: T.day0)
        #expect(!sync.wasReset)
        #expect(sync.state.lastUID == 30)
        #expect(try store.auditLog().isEmpty)
    }

    @Test("local Maildir messages are keyed by file name and leave the last UID alone")
    func localSourceKeys() throws {
        let store = try LeadlineDatabase.inMemory()
        let location = MessageLocation.local(account: "demo", mailbox: "sample-inbox", key: "1700000000.M1P1.host")
        let message = IncomingMessage(location: location, raw: Data("a".utf8), fromAddress: "ana@firma.pl")
        try store.recordIngested(message, as: .inquiry(comparerVerdict, LeadProfile()), now: T.day0)
        #expect(try store.hasMessage(location))
        #expect(try store.hasMessage(account: "demo", mailbox: "sample-inbox", uidValidity: 0, key: "1700000000.M1P1.host"))
        #expect(try store.mailboxState(account: "demo", mailbox: "sample-inbox") == MailboxState(uidValidity: 0, lastUID: 0))
    }

    @Test("a message that fails to parse is kept with its bytes and error, and listed as a problem")
    func problemKept() throws {
        // Given a message whose MIME structure could not be parsed
        let store = try LeadlineDatabase.inMemory()
        let raw = Data("Content-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x broken".utf8)
        let message = IncomingMessage(location: .imap(account: "sales", mailbox: "INBOX", uidValidity: 7, uid: 77), raw: raw)
        // When it is recorded as a problem
        let row = try store.recordProblem(message, stage: .parse, error: "multipart boundary never closed", now: T.day(2))
        // Then it is stored, acknowledged, and reported with where it came from
        #expect(try store.rawMessage(rowID: row) == raw)
        #expect(try store.hasMessage(message.location))
        #expect(try store.mailboxState(account: "sales", mailbox: "INBOX")?.lastUID == 77)
        let problems = try store.problems()
        #expect(problems.count == 1)
        #expect(problems[0].stage == .parse)
        #expect(problems[0].error == "multipart boundary never closed")
        #expect(problems[0].location.description == "sales/INBOX UID 77")
        #expect(problems[0].occurredAt == T.day(2))
    }
}
