import Foundation
import Testing
@testable import LeadlineMIME

@Suite("The shared corpus of real-world messages")
struct CorpusWalkTests {
    @Test("every corpus message parses without a crash and yields a reading")
    func everyMessageParses() throws {
        let files = TestFiles.corpusMessages()
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            let message = try MIMEParser().parse(bytes)
            _ = message.readableText
            _ = message.newText
            message.root.walk { _ = message.decodedBody(of: $0) }
        }
        if !files.isEmpty { #expect(files.count > 200) }
    }

    @Test("CRLF and LF line endings give the same reading of every corpus message")
    func lineEndingIndependence() throws {
        for file in TestFiles.corpusMessages() {
            let bytes = Array(try Data(contentsOf: file))
            let lf = try MIMEParser().parse(bytes.withLFLineEndings)
            let crlf = try MIMEParser().parse(bytes.withCRLFLineEndings)
            #expect(lf.subject == crlf.subject, "\(file.lastPathComponent)")
            #expect(lf.from == crlf.from, "\(file.lastPathComponent)")
            #expect(lf.date == crlf.date, "\(file.lastPathComponent)")
            #expect(lf.textPlain?.lf == crlf.textPlain?.lf, "\(file.lastPathComponent)")
            #expect(lf.html?.lf == crlf.html?.lf, "\(file.lastPathComponent)")
            #expect(lf.attachments.map(\.contentType) == crlf.attachments.map(\.contentType), "\(file.lastPathComponent)")
        }
    }

    @Test("the project's fixtures read the same with CRLF and LF line endings")
    func fixturesLineEndingIndependence() throws {
        for name in ["gb2312-really-gbk.eml", "polish-windows-1250.eml", "polish-iso-8859-2.eml", "koi8-r.eml",
                     "html-only-webform.eml", "bounce.eml", "broken-boundary.eml", "encoded-words.eml"] {
            let bytes = try TestFiles.fixture(name)
            let lf = try MIMEParser().parse(bytes.withLFLineEndings)
            let crlf = try MIMEParser().parse(bytes.withCRLFLineEndings)
            #expect(lf.subject == crlf.subject && lf.from == crlf.from && lf.cc == crlf.cc, "\(name)")
            #expect(lf.textPlain?.lf == crlf.textPlain?.lf && lf.readableText.lf == crlf.readableText.lf, "\(name)")
            #expect(lf.attachments == crlf.attachments, "\(name)")
        }
    }
}
