import Foundation
import LeadlineCore
import Testing
@testable import LeadlineStore

@Suite("Ingest batches: many records, one transaction")
struct IngestBatchTests {
    @Test("a batch stores every record and the last UID at once; a record that fails leaves only itself out")
    func failedRecordLeavesOnlyItselfOut() throws {
        let store = try LeadlineDatabase.inMemory()
        let noSender = IncomingMessage(
            location: .imap(account: "sales", mailbox: "INBOX", uidValidity: 7, uid: 2), raw: Data("x".utf8))
        let outcome: StoreError.Code? = try store.ingestBatch { batch in
            try batch.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
            var code: StoreError.Code?
            do {
                try batch.recordIngested(noSender, as: .inquiry(seriousVerdict, nigeria), now: T.day0)
            } catch let error as StoreError {
                code = error.code
            }
            try batch.recordIngested(inquiry(uid: 3, from: "ana@firma.pl"), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
            return code
        }
        #expect(outcome == .missingSender)
        #expect(try store.hasMessage(.imap(account: "sales", mailbox: "INBOX", uidValidity: 7, uid: 1)))
        #expect(try !store.hasMessage(.imap(account: "sales", mailbox: "INBOX", uidValidity: 7, uid: 2)))
        #expect(try store.hasMessage(.imap(account: "sales", mailbox: "INBOX", uidValidity: 7, uid: 3)))
        #expect(try store.mailboxState(account: "sales", mailbox: "INBOX")?.lastUID == 3)
        #expect(try store.listLeads().count == 2)
    }

    @Test("an error thrown out of a batch keeps none of its records and leaves the last UID where it was")
    func thrownErrorRollsBackTheBatch() throws {
        struct Crash: Error {}
        let store = try LeadlineDatabase.inMemory()
        try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        #expect(throws: Crash.self) {
            try store.ingestBatch { batch in
                try batch.recordIngested(inquiry(uid: 2, from: "ana@firma.pl"), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
                try batch.recordIngested(inquiry(uid: 3, from: "li@example.cn"), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
                throw Crash()
            }
        }
        #expect(try store.mailboxState(account: "sales", mailbox: "INBOX")?.lastUID == 1)
        #expect(try !store.hasMessage(.imap(account: "sales", mailbox: "INBOX", uidValidity: 7, uid: 2)))
        #expect(try store.listLeads().map(\.lead.address) == ["ade@lagosbuild.ng"])
    }

    @Test("lookups inside a batch see what the batch recorded before them")
    func lookupsSeeEarlierRecords() throws {
        let store = try LeadlineDatabase.inMemory()
        try store.ingestBatch { batch in
            let first = try batch.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
            #expect(try batch.hasMessage(.imap(account: "sales", mailbox: "INBOX", uidValidity: 7, uid: 1)))
            #expect(try batch.findLead(byAddress: "ADE@lagosbuild.ng")?.id == first.leadID)
            #expect(try batch.findLead(byMessageIDs: ["<m1.INBOX@lagosbuild.ng>"])?.id == first.leadID)
            #expect(try batch.findDuplicate(messageID: "<m1.INBOX@lagosbuild.ng>", hash: "none") == first.messageRowID)
            #expect(try !batch.hasOurReply(leadID: try #require(first.leadID)))
        }
    }
}

@Suite("Message-ID normalisation")
struct MessageIDNormalisationTests {
    @Test("brackets and surrounding white space go, what is inside stays", arguments: [
        ("<abc@x.example>", "abc@x.example"), ("  <abc@x.example>\r\n", "abc@x.example"),
        ("< abc@x.example >", "abc@x.example"), ("abc@x.example", "abc@x.example"),
        ("\u{3000}<id@x>\u{00A0}", "id@x"), ("<a b@x>", "a b@x"),
    ])
    func normalises(input: String, expected: String) {
        #expect(MessageIDs.normalize(input) == expected)
    }

    @Test("nothing but brackets or space is no Message-ID", arguments: ["", "   ", "<>", "< >", "\t"])
    func emptyIsNil(input: String) {
        #expect(MessageIDs.normalize(input) == nil)
    }
}
