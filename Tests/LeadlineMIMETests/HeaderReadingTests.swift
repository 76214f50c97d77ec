import Foundation
import Testing
@testable import LeadlineMIME

@Suite("Header fields: 8-bit bytes, dates, addresses")
struct HeaderReadingTests {
    @Test("raw GBK header bytes (no RFC 2047) read in the charset of the message's text parts")
    func rawGBKHeaders() throws {
        let message = try TestFiles.parseFixture("raw-gbk-headers.eml")
        #expect(message.subject == "报价请求：不锈钢管")
        #expect(message.from == [Mailbox(name: "王喆", address: "wang@trade.example.cn")])
        #expect(message.textPlain?.lf == "请报价，谢谢。朱镕基贸易")
    }

    @Test("Foxmail's charset label eucgb2312_cn in encoded words reads as GBK Chinese")
    func foxmailEUCGB2312Label() throws {
        // "王伟" and "询价" in GBK, base64, under the label Foxmail writes.
        let text = "From: =?eucgb2312_cn?b?zfXOsA==?= <wangwei@example.cn>\nSubject: =?eucgb2312_cn?b?0a+82w==?=\n\nx\n"
        let message = try MIMEParser().parse(Array(text.utf8))
        #expect(message.from.first?.name == "王伟")
        #expect(message.subject == "询价")
    }

    @Test("raw UTF-8 header bytes read as UTF-8 whatever the part's charset")
    func rawUTF8Headers() throws {
        let message = try MIMEParser().parse(Array("Subject: Zamówienie – łożyska\nContent-Type: text/plain; charset=iso-8859-2\n\nx\n".utf8))
        #expect(message.subject == "Zamówienie – łożyska")
    }

    struct DateCase: Sendable, CustomTestStringConvertible {
        var header: String
        var utc: String?
        var testDescription: String { header.isEmpty ? "(empty)" : header }
    }

    static let dateCases: [DateCase] = [
        DateCase(header: "Mon, 3 Jun 2024 10:02:00 +0200", utc: "2024-06-03T08:02:00Z"),
        DateCase(header: "3 Jun 2024 10:02 -0500", utc: "2024-06-03T15:02:00Z"),
        DateCase(header: "Mon, 03 Jun 24 10:02:00 GMT", utc: "2024-06-03T10:02:00Z"),
        DateCase(header: "Mon, 3 Jun 99 10:02:00 EST", utc: "1999-06-03T15:02:00Z"),
        DateCase(header: "Mon, 3 Jun 2024 10:02:00 -0000", utc: "2024-06-03T10:02:00Z"),
        DateCase(header: "Mon, 3 Jun 2024 10:02:00 +0200 (CEST)", utc: "2024-06-03T08:02:00Z"),
        DateCase(header: "Mon Jun  3 10:02:00 2024", utc: "2024-06-03T10:02:00Z"),
        DateCase(header: "Monday, 3 June 2024 10.02.00 +0200", utc: "2024-06-03T08:02:00Z"),
        DateCase(header: "03-Jun-24 10:02:00 GMT", utc: "2024-06-03T10:02:00Z"),
        DateCase(header: "Thu, 29 Feb 2024 00:00:00 +0000", utc: "2024-02-29T00:00:00Z"),
        DateCase(header: "Wed, 29 Feb 2023 00:00:00 +0000", utc: nil),
        DateCase(header: "Mon, 3 Jun 2024 25:02:00 +0200", utc: nil),
        DateCase(header: "garbage", utc: nil),
        DateCase(header: "", utc: nil),
    ]

    @Test("dates in RFC 5322, obsolete and common non-standard forms; impossible dates are nil", arguments: dateCases)
    func dates(_ date: DateCase) {
        #expect(DateParser.parse(date.header).map(DateParser.iso8601UTC) == date.utc)
    }

    @Test("an unreadable Date is reported as a diagnostic naming the field")
    func badDateDiagnostic() throws {
        let message = try MIMEParser().parse(Array("Date: next Tuesday\nSubject: x\n\nbody\n".utf8))
        #expect(message.date == nil)
        #expect(message.diagnostics.contains { $0.kind == .invalidDate && $0.field == "Date" })
    }

    @Test("address lists: quoted commas, comments, groups, missing brackets, null sender")
    func addresses() {
        #expect(AddressParser.parseList("\"Doe, John\" <john@x.com>, jane@y.com (Jane)") ==
                [Mailbox(name: "Doe, John", address: "john@x.com"), Mailbox(name: nil, address: "jane@y.com")])
        #expect(AddressParser.parseList("Buyers: a@x.com, \"B\" <b@x.com>;, c@y.com") ==
                [Mailbox(name: nil, address: "a@x.com"), Mailbox(name: "B", address: "b@x.com"), Mailbox(name: nil, address: "c@y.com")])
        #expect(AddressParser.parseList("undisclosed-recipients:;") == [])
        #expect(AddressParser.parseList("MAILER DAEMON <>") == [Mailbox(name: "MAILER DAEMON", address: "<>")])
        #expect(AddressParser.parseList("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>") ==
                [Mailbox(name: "Pete", address: "pete@silly.test")])
        #expect(AddressParser.parseList("=?iso-8859-2?Q?Pawe=B3_Nowak?= <pawel@firma.example.pl>") ==
                [Mailbox(name: "Paweł Nowak", address: "pawel@firma.example.pl")])
    }
}
