import Foundation
import LeadlineCore
import Testing
@testable import LeadlineStore

@Suite("Leads: replies, corrections and listing")
struct LeadTests {
    @Test("a reply found by In-Reply-To attaches to the lead, marks it engaged and makes no new lead")
    func replyThreadsOntoLead() throws {
        // Given a lead from an inquiry
        let store = try LeadlineDatabase.inMemory()
        let first = try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        // When a reply arrives from another address that refers to the inquiry
        let lead = try #require(try store.findLead(byMessageIDs: ["<m1.INBOX@lagosbuild.ng>"]))
        let reply = inquiry(uid: 2, from: "procurement@lagosbuild.ng", subject: "Re: Inquiry", sentAt: T.day(2))
        let result = try store.recordIngested(reply, as: .reply(leadID: lead.id!, nil), now: T.day(2))
        // Then the lead has both messages on its timeline and is engaged
        #expect(result.leadID == first.leadID)
        #expect(!result.createdLead)
        let detail = try #require(try store.lead(id: lead.id!))
        #expect(detail.timeline.map(\.kind) == [.inquiry, .theirReply])
        #expect(detail.lead.stage == .engaged)
        #expect(detail.lead.lastSeen == T.day(2))
        #expect(try store.listLeads().count == 1)
    }

    @Test("a reply to a mail we sent is found by our Message-ID")
    func replyToOurMail() throws {
        let store = try LeadlineDatabase.inMemory()
        let first = try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        try store.recordOurReply(leadID: first.leadID!, messageID: "<q-1@supplier.example>", summary: "Quotation", now: T.day(1))
        let found = try store.findLead(byMessageIDs: ["unknown@x", "q-1@supplier.example"])
        #expect(found?.id == first.leadID)
        #expect(try store.findLead(byMessageIDs: ["nothing@x"]) == nil)
        #expect(try store.findLead(byMessageIDs: []) == nil)
    }

    @Test("a lead is found by address whatever the case")
    func findByAddress() throws {
        let store = try LeadlineDatabase.inMemory()
        try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        #expect(try store.findLead(byAddress: "Ade@LAGOSBUILD.ng")?.address == "ade@lagosbuild.ng")
        #expect(try store.lead(address: "ADE@lagosbuild.ng") != nil)
        #expect(try store.findLead(byAddress: "someone@else.example") == nil)
    }

    @Test("a reply to an unknown lead is refused")
    func replyToUnknownLead() throws {
        let store = try LeadlineDatabase.inMemory()
        let error = #expect(throws: StoreError.self) {
            try store.recordIngested(inquiry(uid: 1), as: .reply(leadID: 99, nil), now: T.day0)
        }
        #expect(error?.code == .leadNotFound)
        #expect(try !store.hasMessage(inquiry(uid: 1).location))
    }

    @Test("a person's kind correction is stored for learning and outranks later classifications")
    func correctionSticks() throws {
        // Given a lead classified as a price comparer
        let store = try LeadlineDatabase.inMemory()
        let first = try store.recordIngested(inquiry(uid: 1), as: .inquiry(comparerVerdict, nigeria), now: T.day0)
        // When a salesperson says it is a serious buyer
        let correction = try store.setKind(leadID: first.leadID!, kind: .seriousBuyer, by: "anna", now: T.day(1))
        // Then the correction keeps the judged message, the timeline and audit show it
        #expect(correction.oldKind == .priceComparer)
        #expect(correction.newKind == .seriousBuyer)
        #expect(correction.messageRowID == first.messageRowID)
        #expect(try store.kindCorrections() == [correction])
        let detail = try #require(try store.lead(id: first.leadID!))
        #expect(detail.lead.kind == .seriousBuyer)
        #expect(detail.lead.kindSource == .person)
        #expect(detail.timeline.last?.summary == "price_comparer → serious_buyer")
        #expect(try store.auditLog().last?.detail == "lead #\(first.leadID!): price_comparer → serious_buyer")
        // And a later inquiry classified differently does not undo it
        try store.recordIngested(inquiry(uid: 2), as: .inquiry(comparerVerdict, nigeria), now: T.day(2))
        #expect(try store.lead(id: first.leadID!)?.lead.kind == .seriousBuyer)
    }

    @Test("setting the kind of an unknown lead is refused")
    func setKindUnknown() throws {
        let store = try LeadlineDatabase.inMemory()
        #expect(throws: StoreError(.leadNotFound, "no lead #5")) {
            try store.setKind(leadID: 5, kind: .infoGatherer, by: "anna", now: T.day0)
        }
    }

    @Test("leads list filters by kind and by last activity, newest first")
    func listFilters() throws {
        let store = try LeadlineDatabase.inMemory()
        try store.recordIngested(inquiry(uid: 1, from: "a@x.example", sentAt: T.day(1)), as: .inquiry(seriousVerdict, LeadProfile()), now: T.day(9))
        try store.recordIngested(inquiry(uid: 2, from: "b@x.example", sentAt: T.day(5)), as: .inquiry(comparerVerdict, LeadProfile()), now: T.day(9))
        try store.recordIngested(inquiry(uid: 3, from: "c@x.example", sentAt: T.day(8)), as: .inquiry(seriousVerdict, LeadProfile()), now: T.day(9))
        #expect(try store.listLeads().map(\.lead.address) == ["c@x.example", "b@x.example", "a@x.example"])
        #expect(try store.listLeads(kind: .seriousBuyer).map(\.lead.address) == ["c@x.example", "a@x.example"])
        #expect(try store.listLeads(since: T.day(5)).map(\.lead.address) == ["c@x.example", "b@x.example"])
        #expect(try store.listLeads(kind: .priceComparer, since: T.day(6)).isEmpty)
    }

    @Test("a dormant lead that writes again becomes a prospect; a stage set by a person is audited")
    func stages() throws {
        let store = try LeadlineDatabase.inMemory()
        let first = try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        try store.setStage(leadID: first.leadID!, stage: .dormant, by: "anna", now: T.day(90))
        try store.recordIngested(inquiry(uid: 2, sentAt: T.day(100)), as: .inquiry(seriousVerdict, nigeria), now: T.day(100))
        #expect(try store.lead(id: first.leadID!)?.lead.stage == .prospect)
        try store.markReplied(leadID: first.leadID!, now: T.day(101))
        #expect(try store.lead(id: first.leadID!)?.lead.stage == .engaged)
        try store.setStage(leadID: first.leadID!, stage: .customer, by: "anna", now: T.day(120))
        try store.markReplied(leadID: first.leadID!, now: T.day(121))
        #expect(try store.lead(id: first.leadID!)?.lead.stage == .customer)
        #expect(try store.auditLog().map(\.action) == ["set_stage", "set_stage"])
    }

    @Test("notes appear on the timeline in time order")
    func notes() throws {
        let store = try LeadlineDatabase.inMemory()
        let first = try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        try store.addNote(leadID: first.leadID!, text: "Called, wants samples", by: "anna", now: T.day(1))
        let timeline = try #require(try store.lead(id: first.leadID!)).timeline
        #expect(timeline.map(\.kind) == [.inquiry, .note])
        #expect(timeline[1].actor == "anna")
    }

    @Test("a lead is assigned to an owner, and assigning an unknown lead is refused")
    func owner() throws {
        let store = try LeadlineDatabase.inMemory()
        let first = try store.recordIngested(inquiry(uid: 1), as: .inquiry(seriousVerdict, nigeria), now: T.day0)
        try store.setOwner(leadID: first.leadID!, owner: "anna", by: "lead", now: T.day(1))
        #expect(try store.lead(id: first.leadID!)?.lead.owner == "anna")
        #expect(throws: StoreError(.leadNotFound, "no lead #42")) {
            try store.setOwner(leadID: 42, owner: "anna", by: "lead", now: T.day(1))
        }
    }

    @Test("corrected examples give the judged message's bytes with the latest kind a person chose")
    func correctedExamples() throws {
        let store = try LeadlineDatabase.inMemory()
        let first = try store.recordIngested(inquiry(uid: 1), as: .inquiry(comparerVerdict, nigeria), now: T.day0)
        try store.recordIngested(inquiry(uid: 2, from: "other@x.example"), as: .inquiry(comparerVerdict, LeadProfile()), now: T.day0)
        try store.setKind(leadID: first.leadID!, kind: .infoGatherer, by: "anna", now: T.day(1))
        try store.setKind(leadID: first.leadID!, kind: .seriousBuyer, by: "anna", now: T.day(2))
        let examples = try store.correctedExamples()
        #expect(examples == [CorrectedExample(messageRowID: first.messageRowID, kind: .seriousBuyer, raw: inquiry(uid: 1).raw)])
    }
}
