import Foundation
import Testing
@testable import LeadlineCore
import LeadlineMIME

@Suite struct AutoReplyPolicyTests {
    let policy = AutoReplyPolicy(ownAddresses: ["Sales@Exporter.com"])
    let now = instant("2026-01-13T10:00:00Z")

    func candidate(kind: LeadKind = .seriousBuyer, from: String = "buyer@acme.ng", returnPath: String? = "<buyer@acme.ng>",
                   headers: [(name: String, value: String)] = []) -> AutoReplyCandidate {
        AutoReplyCandidate(kind: kind, replyAddress: from, returnPath: returnPath, headers: headers)
    }

    @Test("an ordinary inquiry from a person may be answered")
    func allowed() {
        #expect(policy.refusals(for: candidate(headers: [("Auto-Submitted", "no")]), lastAutoReply: nil, now: now).isEmpty)
    }

    @Test("each RFC 3834 rule refuses with a readable reason", arguments: [
        ("not_lead", AutoReplyRefusal.notALead),
        ("auto-submitted", .autoSubmitted("auto-replied")),
        ("list-id", .mailingList(header: "List-Id")),
        ("list-unsubscribe", .mailingList(header: "List-Unsubscribe")),
        ("precedence", .bulkPrecedence("bulk")),
        ("null path", .nullReturnPath),
        ("mailer-daemon", .mailerDaemon("mailer-daemon@mx.acme.ng")),
        ("noreply", .noReplyAddress("no-reply@acme.ng")),
        ("own", .ownAccount("sales@exporter.com")),
        ("recent", .repliedRecently(instant("2026-01-10T10:00:00Z"))),
    ])
    func refusals(rule: String, expected: AutoReplyRefusal) {
        let message: AutoReplyCandidate
        var last: Date?
        switch rule {
        case "not_lead": message = candidate(kind: .notLead)
        case "auto-submitted": message = candidate(headers: [("auto-submitted", "auto-replied")])
        case "list-id": message = candidate(headers: [("List-Id", "<buyers.example.org>")])
        case "list-unsubscribe": message = candidate(headers: [("List-Unsubscribe", "<mailto:u@x>")])
        case "precedence": message = candidate(headers: [("Precedence", " Bulk")])
        case "null path": message = candidate(returnPath: "<>")
        case "mailer-daemon": message = candidate(returnPath: "<MAILER-DAEMON@mx.acme.ng>")
        case "noreply": message = candidate(from: "no-reply@acme.ng")
        case "own": message = candidate(from: "sales@exporter.com")
        default: message = candidate(); last = instant("2026-01-10T10:00:00Z")
        }
        let reasons = policy.refusals(for: message, lastAutoReply: last, now: now)
        #expect(reasons == [expected])
        #expect(!expected.description.isEmpty)
    }

    @Test("an auto-reply sent more than seven days ago no longer blocks")
    func intervalExpires() {
        #expect(policy.refusals(for: candidate(), lastAutoReply: now - 8 * 86400, now: now).isEmpty)
    }

    @Test("two Leadline instances answering each other exchange at most one message each")
    func noLoopBetweenInstances() {
        // Each instance auto-replies with Auto-Submitted: auto-replied, as the sender does.
        struct Instance { var address: String; var policy: AutoReplyPolicy; var lastReply: [String: Date] = [:]; var sent = 0 }
        var a = Instance(address: "sales@a.example", policy: AutoReplyPolicy(ownAddresses: ["sales@a.example"]))
        var b = Instance(address: "sales@b.example", policy: AutoReplyPolicy(ownAddresses: ["sales@b.example"]))
        // A person at A writes an inquiry to B; then the instances answer whatever arrives, 20 rounds.
        var inFlight: (to: Int, from: String, headers: [(name: String, value: String)])? = (1, a.address, [])
        var clock = now
        for _ in 0 ..< 20 {
            guard let message = inFlight else { break }
            clock += 60
            let candidate = AutoReplyCandidate(kind: .seriousBuyer, replyAddress: message.from,
                                               returnPath: "<\(message.from)>", headers: message.headers)
            if message.to == 1 {
                if b.policy.refusals(for: candidate, lastAutoReply: b.lastReply[message.from], now: clock).isEmpty {
                    b.sent += 1; b.lastReply[message.from] = clock
                    inFlight = (0, b.address, [("Auto-Submitted", "auto-replied")])
                } else { inFlight = nil }
            } else {
                if a.policy.refusals(for: candidate, lastAutoReply: a.lastReply[message.from], now: clock).isEmpty {
                    a.sent += 1; a.lastReply[message.from] = clock
                    inFlight = (1, a.address, [("Auto-Submitted", "auto-replied")])
                } else { inFlight = nil }
            }
        }
        #expect(a.sent <= 1 && b.sent <= 1)
        #expect(b.sent == 1)
    }
}

@Suite struct ThrottleAndBackoffTests {
    let throttle = SendThrottle(dailyCap: 100, minimumSpacing: 30, buyerCap: 2, buyerPeriod: 72 * 3600)
    let now = instant("2026-01-13T10:00:00Z")

    @Test("the daily cap defers to the next local day of the account")
    func dailyCap() {
        let start = SendThrottle.startOfDay(now, in: zone("Europe/Warsaw"))
        #expect(start == instant("2026-01-13T00:00:00+01:00"))
        let decision = throttle.decide(sentTodayByAccount: 100, startOfAccountDay: start, lastAccountSend: nil, recentSendsToBuyer: [], now: now)
        #expect(decision == .deferred(until: instant("2026-01-14T00:00:00+01:00"), reason: "the account reached its daily cap of 100 messages"))
        #expect(throttle.decide(sentTodayByAccount: 99, startOfAccountDay: start, lastAccountSend: nil, recentSendsToBuyer: [], now: now) == .sendNow)
    }

    @Test("messages from one account keep their minimum spacing")
    func spacing() {
        let decision = throttle.decide(sentTodayByAccount: 1, startOfAccountDay: now, lastAccountSend: now - 10, recentSendsToBuyer: [], now: now)
        guard case let .deferred(until, _) = decision else { Issue.record("not deferred"); return }
        #expect(until == now + 20)
    }

    @Test("a buyer gets at most two messages in 72 hours")
    func buyerCap() {
        let sends = [now - 70 * 3600, now - 3600, now - 100 * 3600]
        let decision = throttle.decide(sentTodayByAccount: 0, startOfAccountDay: now, lastAccountSend: nil, recentSendsToBuyer: sends, now: now)
        guard case let .deferred(until, _) = decision else { Issue.record("not deferred"); return }
        #expect(until == now + 2 * 3600)
        #expect(throttle.decide(sentTodayByAccount: 0, startOfAccountDay: now, lastAccountSend: nil,
                                recentSendsToBuyer: [now - 80 * 3600, now - 3600], now: now) == .sendNow)
    }

    @Test("retries back off exponentially up to the cap, then give up")
    func backoff() {
        let backoff = RetryBackoff(base: 60, factor: 2, cap: 3600, maxAttempts: 10)
        #expect(backoff.delay(afterAttempt: 1) == 60)
        #expect(backoff.delay(afterAttempt: 2) == 120)
        #expect(backoff.delay(afterAttempt: 5) == 960)
        #expect(backoff.delay(afterAttempt: 8) == 3600)
        #expect(backoff.delay(afterAttempt: 10) == nil)
        let spread = (0 ... 10).map { backoff.delay(afterAttempt: 3, jitterFraction: Double($0) / 10)! }
        #expect(spread.min()! >= 216 && spread.max()! <= 264)
    }
}

@Suite struct AutoReplyCandidateFromMessageTests {
    @Test("a parsed message gives its Reply-To, Return-Path and headers to the auto-reply rules")
    func fromParsedMessage() throws {
        let raw = """
        Return-Path: <>
        From: Chinedu <chinedu@okafor.ng>
        Reply-To: Purchasing <buy@okafor.ng>
        To: sales@exporter.com
        Subject: Automatic reply: RFQ
        Auto-Submitted: auto-replied
        Date: Tue, 13 Jan 2026 10:00:00 +0100

        I am away.
        """.replacingOccurrences(of: "\n", with: "\r\n")
        let message = try MIMEParser().parse(Array(raw.utf8))
        let candidate = AutoReplyCandidate(kind: .notLead, message: message)
        #expect(candidate.replyAddress == "buy@okafor.ng")
        let reasons = AutoReplyPolicy(ownAddresses: []).refusals(for: candidate, lastAutoReply: nil, now: instant("2026-01-13T10:00:00Z"))
        #expect(reasons == [.notALead, .autoSubmitted("auto-replied"), .nullReturnPath])
    }

    @Test("the Date header's numeric zone gives the buyer's offset; -0000 and names give none")
    func dateHeaderOffset() {
        #expect(BuyerTimeZone.offsetSeconds(ofDateHeader: "Tue, 13 Jan 2026 10:00:00 +0100") == 3600)
        #expect(BuyerTimeZone.offsetSeconds(ofDateHeader: "Tue, 13 Jan 2026 10:00:00 -0330 (NST)") == -12600)
        #expect(BuyerTimeZone.offsetSeconds(ofDateHeader: "Tue, 13 Jan 2026 10:00:00 -0000") == nil)
        #expect(BuyerTimeZone.offsetSeconds(ofDateHeader: "Tue, 13 Jan 2026 10:00:00 GMT") == nil)
    }
}
