import Testing
@testable import LeadlineMIME

@Suite("HTML turned into readable text")
struct HTMLTextTests {
    @Test("paragraphs and line breaks become lines; whitespace collapses")
    func blocks() {
        let html = "<p>Hello   there,</p>\n<p>We need<br>steel pipes.</p><div>Thanks</div>"
        #expect(HTMLText.readableText(html) == "Hello there,\n\nWe need\nsteel pipes.\n\nThanks")
    }

    @Test("entities decode, named and numeric")
    func entities() {
        #expect(HTMLText.readableText("Price &lt; 500&nbsp;&euro; &amp; &#x4E2D;&#25991; &quot;CIF&quot;") == "Price < 500 € & 中文 \"CIF\"")
    }

    @Test("ordered lists number their items; tables give one line per row")
    func listsAndTables() {
        let html = "<ol><li>Fish</li><li>Rice</li></ol><table><tr><td>Qty</td><td>20</td></tr><tr><td>Port</td><td>Apapa</td></tr></table>"
        #expect(HTMLText.readableText(html) == "1. Fish\n2. Rice\n\nQty | 20\nPort | Apapa")
    }

    @Test("script, style, head and comments are dropped")
    func dropped() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body><script>alert(1)</script><!-- hidden -->Visible</body></html>"
        #expect(HTMLText.readableText(html) == "Visible")
    }
}
