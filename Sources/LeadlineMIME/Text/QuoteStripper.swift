enum QuoteStripper {
    static func newText(_ text: String) -> String { text }
}
