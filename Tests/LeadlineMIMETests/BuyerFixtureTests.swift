import Foundation
import Testing
@testable import LeadlineMIME

@Suite("Inquiries from buyers' mail programs read correctly")
struct BuyerFixtureTests {
    @Test("GB2312-labelled mail that uses GBK characters reads in full (Python shows U+FFFD)")
    func gb2312ReallyGBK() throws {
        let message = try TestFiles.parseFixture("gb2312-really-gbk.eml")
        #expect(message.subject == "询价：钢管（朱镕基贸易）")
        #expect(message.from == [Mailbox(name: "王喆", address: "wang.zhe@trade.example.cn")])
        #expect(message.textPlain?.contains("朱镕基贸易公司") == true)
        #expect(message.textPlain?.contains("联系人：王喆") == true)
        #expect(!(message.textPlain ?? "").contains("\u{FFFD}"))
    }

    @Test("Polish windows-1250 quoted-printable inquiry keeps its diacritics")
    func polishWindows1250() throws {
        let message = try TestFiles.parseFixture("polish-windows-1250.eml")
        #expect(message.subject == "Zapytanie ofertowe – cukier żółty")
        #expect(message.from.first?.name == "Grzegorz Brzęczyszczykiewicz")
        #expect(message.textPlain?.lf == "Dzień dobry,\nprosimy o ofertę na 20 ton żółtego cukru. Dostawa do Łodzi.\nPozdrawiam,\nGrzegorz Brzęczyszczykiewicz\n")
        #expect(DateParser.iso8601UTC(try #require(message.date)) == "2024-06-03T08:02:00Z")
    }

    @Test("Polish ISO-8859-2 8bit body, 8-bit display name and RFC 2231 continued file name")
    func polishISO88592() throws {
        let message = try TestFiles.parseFixture("polish-iso-8859-2.eml")
        #expect(message.textPlain?.contains("Proszę o cenę za 3 kontenery. Płatność: akredytywa.") == true)
        #expect(message.textPlain?.contains("Zofia Wójcik, Gdańsk") == true)
        #expect(message.from.first?.address == "zofia@hurt.example.pl")
        #expect(message.attachments == [AttachmentInfo(filename: "specyfikacja_łożysk.pdf", contentType: "application/pdf", size: 12)])
    }

    @Test("KOI8-R subject, sender and body")
    func koi8r() throws {
        let message = try TestFiles.parseFixture("koi8-r.eml")
        #expect(message.subject == "Запрос цены")
        #expect(message.from.first?.name == "Иван Петров")
        #expect(message.textPlain?.contains("Просим прислать прайс-лист на арматуру.") == true)
    }

    @Test("HTML-only web-form inquiry becomes readable lines, tables as rows, scripts and styles dropped")
    func htmlOnlyWebForm() throws {
        let message = try TestFiles.parseFixture("html-only-webform.eml")
        #expect(message.textPlain == nil)
        #expect(message.replyTo == [Mailbox(name: "Chinedu Okafor", address: "chinedu@lagosimports.example.ng")])
        let text = message.readableText
        #expect(text.contains("Name | Chinedu Okafor"))
        #expect(text.contains("Company | Lagos Imports & Co."))
        #expect(text.contains("We need 2 x 40ft containers of frozen fish. Price CIF Apapa?"))
        #expect(text.contains("- Mackerel\n- Croaker"))
        #expect(!text.contains("track()"))
        #expect(!text.contains("color: red"))
        #expect(!text.contains("formbuilder"))
    }

    @Test("A bounce: the human-readable part is the text, the report and returned message are attachments")
    func bounce() throws {
        let message = try TestFiles.parseFixture("bounce.eml")
        #expect(message.contentType == "multipart/report")
        #expect(message.textPlain?.contains("could not be delivered to buyer@gone.example") == true)
        #expect(message.attachments.map(\.contentType) == ["message/delivery-status", "message/rfc822"])
        #expect(message.attachments.allSatisfy { $0.size == nil })
        let returned = try #require(message.root.children.last?.children.first)
        #expect(returned.header("Subject") == "Our offer")
    }

    @Test("An unclosed inner multipart ends at the outer boundary; the attachment after it is kept")
    func brokenBoundary() throws {
        let message = try TestFiles.parseFixture("broken-boundary.eml")
        #expect(message.textPlain?.lf == "Olá, precisamos de 10 toneladas de café.")
        #expect(message.html?.lf == "<p>Olá, precisamos de 10 toneladas de café.</p>")
        #expect(message.attachments == [AttachmentInfo(filename: "lista.xls", contentType: "application/vnd.ms-excel", size: 6)])
        #expect(message.diagnostics.contains { $0.kind == .closeBoundaryNotFound && $0.partPath == "1" })
    }

    @Test("Encoded words: a character split across words, Q underscores, other charsets, a broken word left readable")
    func encodedWords() throws {
        let message = try TestFiles.parseFixture("encoded-words.eml")
        #expect(message.subject == "Ürün talebi – çelik boru")
        #expect(message.from == [Mailbox(name: "Ayşe Yılmaz", address: "ayse@ithalat.example.com.tr")])
        #expect(message.cc == [Mailbox(name: "Kaya, Mehmet", address: "mehmet@ithalat.example.com.tr"),
                               Mailbox(name: "Gül", address: "gul@ithalat.example.com.tr")])
        #expect(EncodedWords.decode(try #require(message.header("X-Broken"))) == "=?utf-8?Q?unterminated word")
        #expect(message.references == ["<offer-6@exporter.example>", "<offer-7@exporter.example>"])
        #expect(message.inReplyTo == "<offer-7@exporter.example>")
        #expect(DateParser.iso8601UTC(try #require(message.date)) == "2024-06-10T13:20:00Z")
        #expect(message.newText == "Merhaba, fiyat teklifi rica ederiz.")
    }
}
