import Foundation
import Testing
@testable import LeadlineCore
import Mustache

@Suite struct TemplateRendererTests {
    let files = [
        TemplateFile(path: "demo/1-hello/subject.mustache", text: "{{% CONTENT_TYPE: TEXT}}{{reply_subject}}\n"),
        TemplateFile(path: "demo/1-hello/body.txt.mustache", text: "{{% CONTENT_TYPE: TEXT}}\n{{> greeting}}\nCompany: {{buyer_company}}\n"),
        TemplateFile(path: "demo/1-hello/body.html.mustache", text: "<p>{{> greeting}}</p><p>{{buyer_company}}</p>\n"),
        TemplateFile(path: "demo/1-hello/subject.pl.mustache", text: "{{% CONTENT_TYPE: TEXT}}Odp: {{inquiry_subject}}\n"),
        TemplateFile(path: "demo/1-hello/body.txt.pl.mustache", text: "{{% CONTENT_TYPE: TEXT}}\nDzień dobry,\nfirma: {{buyer_company}}\n"),
        TemplateFile(path: "_partials/greeting.mustache", text: "{{#buyer_name}}Dear {{buyer_name}},{{/buyer_name}}{{^buyer_name}}Hello,{{/buyer_name}}\n"),
    ]
    let values = TemplateValues(buyerName: "O'Brien & Co", buyerCompany: "Smith & Sons <Ltd>", salespersonName: "Ana",
                                salespersonSignature: "Ana", ourCompany: "Polimer", inquirySubject: "RFQ \"pipes\" & fittings")

    @Test("plain-text bodies and subjects are not HTML-escaped")
    func textNotEscaped() throws {
        let message = try TemplateRenderer(catalog: TemplateCatalog(files: files)).render(step: "demo/1-hello", language: nil, values: values)
        #expect(message.subject == "Re: RFQ \"pipes\" & fittings")
        #expect(message.textBody == "Dear O'Brien & Co,\nCompany: Smith & Sons <Ltd>\n")
    }

    @Test("a company name ending in a full stop lends it to the sentence instead of doubling it")
    func companyFullStopNotDoubled() throws {
        let sentence = [TemplateFile(path: "demo/1-hello/subject.mustache", text: "{{% CONTENT_TYPE: TEXT}}Hi\n"),
                        TemplateFile(path: "demo/1-hello/body.txt.mustache",
                                     text: "{{% CONTENT_TYPE: TEXT}}Thank you for writing on behalf of {{buyer_company}}.\n")]
        var polish = values
        polish.buyerCompany = "HydroSolar Instalacje Sp. z o.o."
        let message = try TemplateRenderer(catalog: TemplateCatalog(files: sentence)).render(step: "demo/1-hello", language: nil, values: polish)
        #expect(message.textBody == "Thank you for writing on behalf of HydroSolar Instalacje Sp. z o.o.\n")
    }

    @Test("HTML bodies escape values, partials included")
    func htmlEscaped() throws {
        let message = try TemplateRenderer(catalog: TemplateCatalog(files: files)).render(step: "demo/1-hello", language: "en", values: values)
        #expect(message.htmlBody == "<p>Dear O&#39;Brien &amp; Co,\n</p><p>Smith &amp; Sons &lt;Ltd&gt;</p>\n")
    }

    @Test("a language variant is used when present; otherwise English; no English HTML under a Polish text")
    func languageFallback() throws {
        let renderer = try TemplateRenderer(catalog: TemplateCatalog(files: files))
        let polish = try renderer.render(step: "demo/1-hello", language: "pl-PL", values: values)
        #expect(polish.language == "pl")
        #expect(polish.subject == "Odp: RFQ \"pipes\" & fittings")
        #expect(polish.textBody == "Dzień dobry,\nfirma: Smith & Sons <Ltd>\n")
        #expect(polish.htmlBody == nil)
        let turkish = try renderer.render(step: "demo/1-hello", language: "tr", values: values)
        #expect(turkish.language == "en")
        #expect(turkish.textBody.hasPrefix("Dear O'Brien & Co,"))
    }

    @Test("a variable without a value and without a guard refuses to render, naming file and line")
    func missingVariableFails() throws {
        let renderer = try TemplateRenderer(catalog: TemplateCatalog(files: files))
        var noCompany = values
        noCompany.buyerCompany = nil
        #expect(throws: TemplateError(code: .missingVariable, file: "demo/1-hello/body.txt.mustache", line: 3,
                                      message: "variable buyer_company has no value for this lead; guard it with {{#buyer_company}}...{{/buyer_company}} or fill it in")) {
            try renderer.render(step: "demo/1-hello", language: nil, values: noCompany)
        }
    }

    @Test("an unknown step is an error that lists the known ones")
    func unknownStep() throws {
        let renderer = try TemplateRenderer(catalog: TemplateCatalog(files: files))
        do {
            _ = try renderer.render(step: "demo/9-nope", language: nil, values: values)
            Issue.record("rendered an unknown step")
        } catch {
            #expect(error.code == .unknownStep)
            #expect(error.message.contains("demo/1-hello"))
        }
    }

    @Test("reply subjects get one Re: and keep an existing reply prefix")
    func replySubjects() {
        #expect(TemplateValues.replySubject("RFQ pipes") == "Re: RFQ pipes")
        #expect(TemplateValues.replySubject("RE: RFQ pipes") == "RE: RFQ pipes")
        #expect(TemplateValues.replySubject("AW: Anfrage") == "AW: Anfrage")
    }
}

@Suite struct TemplateLinterTests {
    @Test("lint finds each kind of problem with its file and line")
    func findings() {
        let files = [
            TemplateFile(path: "s/1-a/subject.mustache", text: "Hello {{buyer_name}}\n"),
            TemplateFile(path: "s/1-a/body.txt.mustache", text: "{{% CONTENT_TYPE: TEXT}}\nHi,\n\n{{buyer_nmae}}\n{{> footer}}\n"),
            TemplateFile(path: "s/1-a/body.txt.es.mustache", text: "{{% CONTENT_TYPE: TEXT}}\nHola\n{{#products}}\n{{name}}\n"),
            TemplateFile(path: "s/2-b/body.txt.fr.mustache", text: "{{% CONTENT_TYPE: TEXT}}\nBonjour\n"),
            TemplateFile(path: "s/2-b/subject.fr.mustache", text: "{{% CONTENT_TYPE: TEXT}}Relance\n"),
            TemplateFile(path: "s/1-a/notes.txt.mustache", text: "x"),
        ]
        let findings = TemplateLinter.lint(TemplateCatalog(files: files))
        func has(_ code: TemplateFinding.Code, _ file: String, _ line: Int?) -> Bool {
            findings.contains { $0.code == code && $0.file == file && $0.line == line }
        }
        #expect(has(.textEscaped, "s/1-a/subject.mustache", 1))
        #expect(has(.unknownVariable, "s/1-a/body.txt.mustache", 4))
        #expect(findings.first { $0.code == .unknownVariable }?.message == "unknown variable buyer_nmae (did you mean buyer_name?)")
        #expect(has(.unknownPartial, "s/1-a/body.txt.mustache", 5))
        #expect(findings.contains { $0.code == .malformed && $0.file == "s/1-a/body.txt.es.mustache" && $0.line != nil })
        #expect(has(.missingFallback, "s/2-b/body.txt.fr.mustache", nil))
        #expect(has(.missingPart, "s/2-b/subject.mustache", nil))
        #expect(has(.missingVariable, "s/2-b/body.txt.fr.mustache", nil))  // follow-up without unsubscribe_url
        #expect(has(.unrecognisedFile, "s/1-a/notes.txt.mustache", nil))
        #expect(findings.allSatisfy { !$0.description.isEmpty })
    }

    @Test("a malformed template reports the line of the broken tag")
    func malformedLine() {
        let files = [
            TemplateFile(path: "s/1-a/subject.mustache", text: "{{% CONTENT_TYPE: TEXT}}Hi\n"),
            TemplateFile(path: "s/1-a/body.txt.mustache", text: "{{% CONTENT_TYPE: TEXT}}\nline 2\nline 3 {{#products}}\n{{name}}\n{{/buyer_name}}\n"),
        ]
        let malformed = TemplateLinter.lint(TemplateCatalog(files: files)).filter { $0.code == .malformed }
        #expect(malformed.count == 1)
        #expect(malformed.first?.file == "s/1-a/body.txt.mustache")
        #expect(malformed.first?.line == 5)
    }

    @Test("an unclosed tag is reported on the line it opens")
    func unclosedTag() {
        let files = [
            TemplateFile(path: "s/1-a/subject.mustache", text: "{{% CONTENT_TYPE: TEXT}}Hi\n"),
            TemplateFile(path: "s/1-a/body.txt.mustache", text: "{{% CONTENT_TYPE: TEXT}}\nok\nbroken {{buyer_name\nmore\n"),
        ]
        let malformed = TemplateLinter.lint(TemplateCatalog(files: files)).filter { $0.code == .malformed }
        #expect(malformed.contains { $0.line == 3 })
    }
}

/// The renderer hands Mustache wrapped values (``MustacheValues``) for speed; they must render what the plain
/// `[String: Any]` context renders.
@Suite struct MustacheValuesTests {
    @Test("wrapped values render exactly as the plain context: sections, inverted sections, flags, lists, parents, transforms, dots")
    func sameTextAsPlainContext() throws {
        let template = try MustacheTemplate(string: """
            {{#buyer_name}}Dear {{buyer_name}} ({{uppercased(buyer_name)}}, {{.}}),{{/buyer_name}}{{^buyer_name}}Hello,{{/buyer_name}}
            {{#ask_port}}port? {{ask_port}} {{buyer_company}}{{/ask_port}}{{^ask_port}}no port question{{/ask_port}}
            {{#ask_incoterm}}incoterm?{{/ask_incoterm}}{{^ask_incoterm}}incoterm known ({{ask_incoterm}}){{/ask_incoterm}}
            {{#products}}- {{name}}{{#quantity}}: {{quantity}}{{/quantity}}{{^quantity}} (how many?){{/quantity}} for {{our_company}}
            {{/products}}{{^products}}no products{{/products}}
            {{product_list}} / {{missing}} / {{#missing}}never{{/missing}}{{^missing}}absent{{/missing}} / {{lowercased(our_company)}}
            """)
        var values = TemplateValues(buyerName: "Adaeze", buyerCompany: "Lagos Build <Ltd>",
                                    products: [.init(name: "SP-1500", quantity: "40 units"), .init(name: "SP-750")],
                                    askQuantity: false, askIncoterm: false, askPort: true,
                                    salespersonName: "Anna", salespersonSignature: "Anna", ourCompany: "Sunridge & Co")
        let full = template.render(values.context)
        #expect(template.render(MustacheValues.Object(values.context)) == full)
        #expect(full.contains("Dear Adaeze (ADAEZE, Adaeze)"))
        #expect(full.contains("port? true Lagos Build &lt;Ltd&gt;"))
        #expect(full.contains("- SP-750 (how many?) for Sunridge &amp; Co"))
        values = TemplateValues(askIncoterm: true, salespersonName: "Anna", salespersonSignature: "Anna", ourCompany: "Sunridge")
        let bare = template.render(values.context)
        #expect(template.render(MustacheValues.Object(values.context)) == bare)
        #expect(bare.contains("Hello,") && bare.contains("no products") && bare.contains("incoterm?"))
    }
}

@Suite struct TidyTests {
    @Test("a subject on one line: white space runs as one space, none at the ends, non-ASCII and odd spaces included")
    func oneLine() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["Re:", " ", "  ", "\t", "\n", "\u{00A0}", "\u{3000}", "Zapytanie", "询价", "ofertowe –", "x"]
        for _ in 0 ..< 2000 {
            let text = (0 ..< Int.random(in: 0 ... 10, using: &generator))
                .map { _ in pieces[Int.random(in: 0 ..< pieces.count, using: &generator)] }.joined()
            #expect(TemplateRenderer.oneLine(text) == text.split(whereSeparator: \.isWhitespace).joined(separator: " "),
                    "\(text.debugDescription)")
        }
    }

    @Test("tidying by bytes matches the rule read line by line, on random text of lines, blanks, tabs and non-ASCII")
    func matchesRule() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Dear Adaeze,", " ", "\t", "\n", "\n\n", "zł", "有限公司", "  \n", "x \t"]
        #expect(TemplateRenderer.tidy("") == "\n")
        #expect(TemplateRenderer.tidy("\n\n  \n") == "\n")
        #expect(TemplateRenderer.tidy("a \n\n\n\nb\t\n\n") == "a\n\nb\n")
        for _ in 0 ..< 2000 {
            let text = (0 ..< Int.random(in: 0 ... 12, using: &generator))
                .map { _ in pieces[Int.random(in: 0 ..< pieces.count, using: &generator)] }.joined()
            #expect(TemplateRenderer.tidy(text) == TemplateRenderer.tidyByLines(text), "\(text.debugDescription)")
        }
    }
}
