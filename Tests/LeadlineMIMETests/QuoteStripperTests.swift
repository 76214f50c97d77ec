import Testing
@testable import LeadlineMIME

@Suite("The new text of a reply, without its quoted history")
struct QuoteStripperTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var language: String
        var text: String
        var testDescription: String { language }
    }

    static let replies: [Case] = [
        Case(language: "English Gmail", text: "Please send 5 tons.\n\nOn Mon, Jun 3, 2024 at 10:02 AM Sales <sales@exporter.example> wrote:\n> Our price is 500 USD.\n"),
        Case(language: "English Gmail wrapped", text: "Please send 5 tons.\n\nOn Mon, Jun 3, 2024 at 10:02 AM Export Sales Department <sales@exporter.example>\nwrote:\n\n> Our price is 500 USD.\n"),
        Case(language: "Outlook separator", text: "Please send 5 tons.\n\n-----Original Message-----\nFrom: Sales\nOur price is 500 USD.\n"),
        Case(language: "Outlook header block", text: "Please send 5 tons.\n\nFrom: Sales <sales@exporter.example>\nSent: Monday, June 3, 2024 10:02 AM\nTo: Buyer\nSubject: Offer\n\nOur price is 500 USD.\n"),
        Case(language: "Polish", text: "Please send 5 tons.\n\nW dniu 3.06.2024 o 10:02, Sales <sales@exporter.example> pisze:\n> Our price is 500 USD.\n"),
        Case(language: "Polish Outlook", text: "Please send 5 tons.\n\nOd: Sales <sales@exporter.example>\nWysłano: poniedziałek, 3 czerwca 2024 10:02\nDo: Buyer\nTemat: Oferta\n\nOur price is 500 USD.\n"),
        Case(language: "Spanish", text: "Please send 5 tons.\n\nEl lun, 3 jun 2024 a las 10:02, Sales (<sales@exporter.example>) escribió:\n> Our price is 500 USD.\n"),
        Case(language: "Portuguese", text: "Please send 5 tons.\n\nEm seg., 3 de jun. de 2024 às 10:02, Sales <sales@exporter.example> escreveu:\n> Our price is 500 USD.\n"),
        Case(language: "French", text: "Please send 5 tons.\n\nLe lun. 3 juin 2024 à 10:02, Sales <sales@exporter.example> a écrit :\n> Our price is 500 USD.\n"),
        Case(language: "German", text: "Please send 5 tons.\n\nAm Mo., 3. Juni 2024 um 10:02 Uhr schrieb Sales <sales@exporter.example>:\n> Our price is 500 USD.\n"),
        Case(language: "Italian", text: "Please send 5 tons.\n\nIl giorno lun 3 giu 2024 alle ore 10:02 Sales <sales@exporter.example> ha scritto:\n> Our price is 500 USD.\n"),
        Case(language: "Russian", text: "Please send 5 tons.\n\n3 июня 2024 г., в 10:02, Sales <sales@exporter.example> написал(а):\n> Our price is 500 USD.\n"),
        Case(language: "Chinese QQ", text: "Please send 5 tons.\n\n------------------ 原始邮件 ------------------\n发件人: \"Sales\"<sales@exporter.example>\n发送时间: 2024年6月3日(星期一) 上午10:02\n收件人: \"Buyer\"\n主题: Offer\n\nOur price is 500 USD.\n"),
        Case(language: "Chinese Outlook block", text: "Please send 5 tons.\n\n发件人: Sales <sales@exporter.example>\n发送时间: 2024年6月3日 10:02\n收件人: Buyer\n主题: Offer\n\nOur price is 500 USD.\n"),
        Case(language: "Turkish", text: "Please send 5 tons.\n\n3 Haz 2024 Pzt 10:02 tarihinde Sales <sales@exporter.example> şunu yazdı:\n> Our price is 500 USD.\n"),
        Case(language: "Dutch", text: "Please send 5 tons.\n\nOp ma 3 jun. 2024 om 10:02 schreef Sales <sales@exporter.example>:\n> Our price is 500 USD.\n"),
    ]

    @Test("quoted history is removed from replies", arguments: replies)
    func stripsHistory(_ reply: Case) {
        #expect(QuoteStripper.newText(reply.text) == "Please send 5 tons.")
    }

    @Test("an answer written between quoted lines is kept, the quotes dropped")
    func interleavedAnswers() {
        let text = "> What quantity?\n5 tons.\n> Which port?\nApapa.\n"
        #expect(QuoteStripper.newText(text) == "5 tons.\nApapa.")
    }

    @Test("a message without history is left whole, including a sentence that mentions writing")
    func noHistory() {
        let text = "Hello,\nas my colleague wrote: we need a new supplier for the whole of next year, starting in March.\nRegards"
        #expect(QuoteStripper.newText(text) == text)
    }
}

@Suite("Bottom-posted replies")
struct BottomPostedReplyTests {
    @Test("an attribution above '>' quotes with the answer below keeps the answer")
    func bottomPosted() {
        let text = "Marc wrote:\n> If you run as root,\n> anyone can get root.\n\nIsn't that the case for every server?\nWhat about switching early?\n"
        #expect(QuoteStripper.newText(text) == "Isn't that the case for every server?\nWhat about switching early?")
    }

    @Test("a top-posted answer above an attribution and quotes keeps only the answer")
    func topPosted() {
        let text = "Yes, 5 tons.\n\nOn Mon, 3 Jun 2024, Sales <s@x.example> wrote:\n> How many tons?\n"
        #expect(QuoteStripper.newText(text) == "Yes, 5 tons.")
    }
}
