import Testing
@testable import LeadlineCore

@Suite struct ReturnDateExtractorTests {
    /// Replies received on Thursday 20 November 2025.
    let today = LocalDay(2025, 11, 20)

    @Test("the return day is read in many languages", arguments: [
        ("I will be back on 3 December.", LocalDay(2025, 12, 3)),
        ("I am out of the office until December 5th and will have limited access to email.", LocalDay(2025, 12, 6)),
        ("I'm away from 1 December until 5 December.", LocalDay(2025, 12, 6)),
        ("Out of office 22-26 December.", LocalDay(2025, 12, 27)),
        ("Back on Monday 12/01/2026.", LocalDay(2026, 1, 12)),
        ("Gracias por su mensaje. Estaré de vuelta el 5 de enero.", LocalDay(2026, 1, 5)),
        ("Estaré fuera de la oficina hasta el 7 de enero.", LocalDay(2026, 1, 8)),
        ("Estou de férias, retorno em 10/01.", LocalDay(2026, 1, 10)),
        ("Estou de férias até 15 de janeiro.", LocalDay(2026, 1, 16)),
        ("Je suis absent, de retour le 4 janvier.", LocalDay(2026, 1, 4)),
        ("Je suis absent jusqu'au 6 janvier inclus.", LocalDay(2026, 1, 7)),
        ("Ich bin ab dem 20.11. im Urlaub und zurück am 05.01.2026.", LocalDay(2026, 1, 5)),
        ("Ich bin bis zum 9. Januar nicht im Büro.", LocalDay(2026, 1, 10)),
        ("Ich bin im Urlaub und ab 7.1. wieder im Büro.", LocalDay(2026, 1, 7)),
        ("Jestem na urlopie, wracam 7 stycznia.", LocalDay(2026, 1, 7)),
        ("Jestem na urlopie do 12 stycznia.", LocalDay(2026, 1, 13)),
        ("Sono fuori ufficio, rientro l'8 gennaio.", LocalDay(2026, 1, 8)),
        ("12 Ocak'a kadar izindeyim.", LocalDay(2026, 1, 13)),
        ("3 Aralık'ta ofiste olacağım.", LocalDay(2025, 12, 3)),
        ("Я в отпуске, вернусь 3 декабря.", LocalDay(2025, 12, 3)),
        ("Я в отпуске до 10 декабря.", LocalDay(2025, 12, 11)),
        ("我将于12月3日返回办公室。", LocalDay(2025, 12, 3)),
        ("休假至2026年1月5日", LocalDay(2026, 1, 6)),
        ("Back 2025-12-01.", LocalDay(2025, 12, 1)),
        ("I am out of the office from 22.12.2025 to 02.01.2026 with limited access to e-mail.", LocalDay(2026, 1, 3)),
        ("Je suis absent du 22 décembre au 2 janvier.", LocalDay(2026, 1, 3)),
        ("I am on leave from 24th to 28th November 2025.", LocalDay(2025, 11, 29)),
        ("Urlop: od 24 do 28 listopada.", LocalDay(2025, 11, 29)),
        ("I will return to the office on 8 December.", LocalDay(2025, 12, 8)),
        ("Thanks for your mail of 18/11. I'm travelling and back in the office on 24 November.", LocalDay(2025, 11, 24)),
    ])
    func returnDay(text: String, expected: LocalDay) {
        #expect(ReturnDateExtractor.returnDay(in: text, today: today) == expected)
    }

    @Test("a weekday after a return cue is the next such day", arguments: [
        ("I'm out today and tomorrow, back on Monday.", LocalDay(2025, 11, 24)),
        ("Estaré de vuelta el lunes.", LocalDay(2025, 11, 24)),
        ("Wracam w środę.", LocalDay(2025, 11, 26)),
        ("Bis Freitag nicht im Büro.", LocalDay(2025, 11, 21)),
        ("Вернусь в понедельник.", LocalDay(2025, 11, 24)),
        ("周一回来。", LocalDay(2025, 11, 24)),
        ("Back Thursday.", LocalDay(2025, 11, 27)),
    ])
    func weekdayReturn(text: String, expected: LocalDay) {
        #expect(ReturnDateExtractor.returnDay(in: text, today: today) == expected)
    }

    @Test("a weekday without a cue is not a return date")
    func weekdayWithoutCue() {
        #expect(ReturnDateExtractor.returnDay(in: "Our office is closed on Friday afternoons.", today: today) == nil)
    }

    @Test("no date means nil, so the caller pauses for its default")
    func noDate() {
        #expect(ReturnDateExtractor.returnDay(in: "Thank you for your email. I am out of the office.", today: today) == nil)
        #expect(ReturnDateExtractor.returnDay(in: "Back in 2 weeks, call +48 22 123 45 67.", today: today) == nil)
        #expect(ReturnDateExtractor.returnDay(in: "Server said: 552 5.2.2 mailbox full (v1.2.3)", today: today) == nil)
    }

    @Test("a day-month date already past by weeks is next year's")
    func yearRollover() {
        #expect(ReturnDateExtractor.returnDay(in: "back on 2 January", today: LocalDay(2025, 12, 28)) == LocalDay(2026, 1, 2))
        // Two days past: still this year's (the reply was read late), then dropped as already over.
        #expect(ReturnDateExtractor.returnDay(in: "back on 18 November", today: today) == nil)
    }
}
