import Foundation
import GRDB
import LeadlineApp
import LeadlineCore
import LeadlineStore

/// The database `leadline-bench schedule` ticks: N leads over the 12 main buyer markets, each enrolled in the shipped
/// sequence of its kind (`Config/sequences.yml`), with its stored inquiry (facts), timeline, enrolment and the mail
/// already sent to it, as the worker would have left them had it ticked every `interval` until `now - interval`.
///
/// Every lead's history is played through the real state machine (same calendar, zone and jitter seed as
/// `SequencePlanner`): the acknowledgement went out at enrolment, each later step at its planned time up to the
/// previous tick, and the next step is planned. The steps due at `now` are therefore those planned in the last
/// `interval`: the share a real tick finds, which peaks when a send window opens (at 09:00 in Lagos, Warsaw and
/// Berlin, 08:00 UTC, the morning's window opening plus the steps that waited over the night).
///
/// Written with raw SQL through GRDB in one transaction (the schema comes from `LeadlineDatabase`'s migrations).
/// Shortcuts, none on what a tick reads per lead: the 12 inquiry texts (one per market) are stored once and shared
/// by content id (a tick never reads message bytes, only the facts on each lead's own message row); sent mail keeps
/// a short placeholder instead of its full bytes (never read by a tick either).
struct ScheduleFixture {
    struct Market {
        var country: String
        var code: String
        var language: String
        var domain: String
        var phone: String
        var subject: String
    }

    static let markets: [Market] = [
        .init(country: "Nigeria", code: "NG", language: "en", domain: "ng", phone: "+234 803 555 01", subject: "Inquiry for solar pumps SP-1500"),
        .init(country: "Poland", code: "PL", language: "pl", domain: "pl", phone: "+48 61 555 01", subject: "Zapytanie ofertowe: pompy SP-750"),
        .init(country: "Brazil", code: "BR", language: "pt", domain: "com.br", phone: "+55 11 5555 01", subject: "Cotação: bombas solares SP-750"),
        .init(country: "Mexico", code: "MX", language: "es", domain: "mx", phone: "+52 55 5555 01", subject: "Solicitud de cotización bombas solares"),
        .init(country: "India", code: "IN", language: "en", domain: "in", phone: "+91 98 5555 01", subject: "RFQ solar water pumps"),
        .init(country: "United Arab Emirates", code: "AE", language: "ar", domain: "ae", phone: "+971 50 555 01", subject: "طلب عرض سعر مضخات شمسية"),
        .init(country: "Saudi Arabia", code: "SA", language: "ar", domain: "sa", phone: "+966 50 555 01", subject: "طلب تسعير مضخات"),
        .init(country: "Turkey", code: "TR", language: "tr", domain: "com.tr", phone: "+90 532 555 01", subject: "Fiyat teklifi: güneş pompaları"),
        .init(country: "Germany", code: "DE", language: "de", domain: "de", phone: "+49 30 5555 01", subject: "Anfrage: Solarpumpen SP-1500"),
        .init(country: "United States", code: "US", language: "en", domain: "com", phone: "+1 212 555 01", subject: "Quote request: solar pumps"),
        .init(country: "Vietnam", code: "VN", language: "vi", domain: "vn", phone: "+84 90 555 01", subject: "Yêu cầu báo giá bơm năng lượng mặt trời"),
        .init(country: "Indonesia", code: "ID", language: "id", domain: "co.id", phone: "+62 812 555 01", subject: "Permintaan penawaran pompa tenaga surya"),
    ]

    /// What the setup wrote.
    struct Summary {
        var leads = 0
        var running = 0
        var completed = 0
        var stepsSent = 0
        /// Enrolments whose next step is planned in `(now - interval, now]`: what the tick must queue.
        var dueAtNow = 0
    }

    let leads: Int
    let now: Date
    let interval: TimeInterval
    /// Enrolments spread uniformly over this many days before `now`.
    let spreadDays: Double
    let account = "sales"
    let accountAddress = "sales@sunridge-pumps.example"

    /// Writes the fixture into `store` (fresh, migrated) and returns what it holds.
    func build(into store: LeadlineDatabase, kit: SequenceKit) throws -> Summary {
        let previousTick = now - interval
        var summary = Summary()
        let kinds: [LeadKind] = [.seriousBuyer, .priceComparer, .infoGatherer]
        var machines: [[SequenceStateMachine]] = []  // [market][kind * 2 + hasProducts]
        for market in Self.markets {
            guard let zone = BuyerTimeZone.zone(forCountry: market.code) else {
                throw BenchError("no time zone for \(market.code)")
            }
            let calendar = BusinessCalendar(country: market.code, timeZone: zone)
            var row: [SequenceStateMachine] = []
            for kind in kinds {
                guard let definition = kit.config.sequences[kind] else { throw BenchError("no sequence for \(kind)") }
                for products in [false, true] {
                    row.append(SequenceStateMachine(definition: definition, calendar: calendar,
                                                    facts: LeadFacts(hasProducts: products), config: kit.config))
                }
            }
            machines.append(row)
        }
        // Facts per market: with models, quantities and terms (serious buyers, most price comparers), or without;
        // each lead's own company, phone and sender domain are filled into the JSON (the text around them is
        // encoded once, for speed: the tick decodes every lead's own facts either way).
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var factsJSON: [[[String]]] = []  // [market][hasProducts]: the JSON split around the lead's own values
        for market in Self.markets {
            var bare = InquiryFacts()
            bare.topic = market.subject
            bare.country = market.country
            bare.language = market.language
            bare.company = "\u{1}"
            bare.phones = ["\u{1}"]
            bare.senderDomain = "\u{1}"
            var full = bare
            full.models = ["SP-1500", "SP-750"]
            full.quantities = ["40 units", "2x40HQ"]
            full.incoterms = ["CIF Apapa"]
            full.destination = "Apapa"
            full.paymentTerms = ["T/T", "30% deposit"]
            factsJSON.append(try [bare, full].map {
                String(decoding: try encoder.encode($0), as: UTF8.self).components(separatedBy: "\\u0001")
            })
        }
        guard factsJSON.allSatisfy({ $0.allSatisfy { $0.count == 4 } }) else {
            throw BenchError("cannot place the lead's own values in the facts JSON")
        }
        let reasons = #"["names models and quantities","asks for a proforma invoice"]"#

        try store.writer.write { db in
            try db.execute(sql: "INSERT INTO account (name) VALUES (?)", arguments: [account])
            try db.execute(sql: "INSERT INTO mailbox (account_id, name, uid_validity, last_uid) VALUES (1, 'INBOX', 1, ?)",
                           arguments: [leads])
            for (index, market) in Self.markets.enumerated() {
                let raw = Data("From: Buyer <buyer@buyer.\(market.domain)>\r\nSubject: \(market.subject)\r\n\r\nPlease quote SP-1500, 40 units.\r\n".utf8)
                try db.execute(sql: "INSERT INTO message_content (id, sha256, size, bytes) VALUES (?, ?, ?, ?)",
                               arguments: [index + 1, String(format: "%064x", index + 1), raw.count, raw])
            }
            let insertLead = try db.makeStatement(sql: """
                INSERT INTO lead (id, address, name, company, country, language, kind, confidence, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertMessage = try db.makeStatement(sql: """
                INSERT INTO message (id, mailbox_id, uid_validity, source_key, content_id, message_id, subject,
                                     from_address, from_name, sent_at, received_at, kind, confidence, reasons, facts, lead_id)
                VALUES (?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.9, ?, ?, ?)
                """)
            let insertEvent = try db.makeStatement(sql: """
                INSERT INTO lead_event (lead_id, kind, occurred_at, message_row_id, message_id, summary)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            let insertEnrolment = try db.makeStatement(sql: """
                INSERT INTO enrolment (lead_id, account, sequence, step_index, status, next_due, jitter_seed,
                                       thread_message_id, thread_references, thread_subject, state, enrolled_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?)
                """)
            let insertOutbox = try db.makeStatement(sql: """
                INSERT INTO outbox (account, lead_id, step_index, template, language, sender, recipient, message_id,
                                    subject, bytes, is_auto_reply, state, attempts, next_attempt, queued_at, sent_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sent', 1, ?, ?, ?)
                """)
            let insertAutoReply = try db.makeStatement(sql: "INSERT INTO auto_reply (address, last_at) VALUES (?, ?)")
            let placeholder = Data("(leadline-bench: the sent message's bytes are not kept in this fixture)".utf8)
            var random = SplitMix64(seed: 2026)
            let spread = UInt64(spreadDays * 86400)

            for lead in 1 ... Int64(leads) {
                let marketIndex = Int(random.next() % UInt64(Self.markets.count))
                let market = Self.markets[marketIndex]
                // Kinds as the shipped classifier sees them in export inboxes: many price comparers.
                let roll = random.next() % 100
                let kindIndex = roll < 35 ? 0 : roll < 75 ? 1 : 2
                let hasProducts = kindIndex == 0 || (kindIndex == 1 && random.next() % 3 != 0)
                let machine = machines[marketIndex][kindIndex * 2 + (hasProducts ? 1 : 0)]
                let enrolled = now - Double(random.next() % spread) - Double(random.next() % 1000) / 1000
                let address = "buyer\(lead)@company\(lead % 50_000).\(market.domain)"
                let inquiryID = "inq.\(lead)@company\(lead % 50_000).\(market.domain)"
                let name = "Buyer \(lead)"
                try insertLead.execute(arguments: [
                    lead, address, name, "Company \(lead % 50_000) Ltd", market.country, market.language,
                    kinds[kindIndex].rawValue, 0.9, enrolled, enrolled,
                ])
                // The placeholders sit in the JSON in sorted key order: company, phones, senderDomain.
                let parts = factsJSON[marketIndex][hasProducts ? 1 : 0]
                let company = "Company \(lead % 50_000) Ltd"
                let facts = parts[0] + company + parts[1] + market.phone + String(lead % 100) + parts[2]
                    + "company\(lead % 50_000).\(market.domain)" + parts[3]
                try insertMessage.execute(arguments: [
                    lead, String(lead), marketIndex + 1, inquiryID, market.subject, address, name, enrolled - 60,
                    enrolled, kinds[kindIndex].rawValue, reasons, facts, lead,
                ])
                try insertEvent.execute(arguments: [lead, "inquiry", enrolled - 60, lead, inquiryID, market.subject])

                // The history the worker would have written, tick by tick, up to the previous tick.
                let seed = UInt64(bitPattern: lead) &* 0x9E37_79B9_7F4A_7C15 ^ 0x5EED  // SequencePlanner.jitterSeed
                var state = SequenceState(sequence: machine.definition.name, enrolledAt: enrolled, jitterSeed: seed)
                var updated = enrolled
                while case let .send(step, template, at) = machine.handle(.tick, state: &state, now: previousTick) {
                    let sentAt = max(at, enrolled)
                    machine.handle(.stepQueued(index: step), state: &state, now: sentAt)
                    machine.handle(.stepSent(index: step, at: sentAt), state: &state, now: sentAt)
                    let messageID = Sequencer.messageIDUnique(leadID: lead, step: step, now: sentAt)
                        + "@sunridge-pumps.example"
                    try insertOutbox.execute(arguments: [
                        account, lead, step, template, market.language, accountAddress, address, "<\(messageID)>",
                        "Re: \(market.subject)", placeholder, step == 0, sentAt, sentAt, sentAt,
                    ])
                    try insertEvent.execute(arguments: [lead, "our_reply", sentAt, nil, messageID, "Re: \(market.subject)"])
                    if step == 0 { try insertAutoReply.execute(arguments: [address, sentAt]) }
                    summary.stepsSent += 1
                    updated = sentAt
                }
                let status: String
                switch state.status {
                case .active: status = "active"; summary.running += 1
                case .completed: status = "completed"; summary.completed += 1
                default: throw BenchError("lead \(lead): unexpected state \(state.status)")
                }
                if status == "active", let due = state.nextDueAt, due > previousTick, due <= now { summary.dueAtNow += 1 }
                try insertEnrolment.execute(arguments: [
                    lead, account, state.sequence, state.nextStep, status, state.nextDueAt, Int64(bitPattern: seed),
                    "<\(inquiryID)>", market.subject, state.jsonText,
                    enrolled, updated,
                ])
                summary.leads += 1
            }
        }
        return summary
    }
}
