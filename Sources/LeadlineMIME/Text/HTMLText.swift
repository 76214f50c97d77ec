/// HTML turned into readable text (placeholder replaced below).
enum HTMLText {
    static func readableText(_ html: String) -> String { html }
}
