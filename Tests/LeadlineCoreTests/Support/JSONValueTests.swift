import Foundation
import LeadlineCore
import Testing

@Suite("JSONValue reads JSON as RFC 8259 writes it, and says where a text is not JSON")
struct JSONValueTests {
    @Test("objects, arrays, literals and numbers read back with members in order and numbers as written")
    func shapes() throws {
        let value = try JSONValue(parsing: #" {"b": [1, -2.5e3, 0.25], "a": {"t": true, "f": false, "n": null}, "s": "x"} "#)
        #expect(value.members?.map(\.key) == ["b", "a", "s"])
        #expect(value["b"] == .array([.number("1"), .number("-2.5e3"), .number("0.25")]))
        #expect(value["b"].map { if case let .array(items) = $0 { items.compactMap(\.double) } else { [] } } == [1, -2500, 0.25])
        #expect(value["a"]?["t"] == .bool(true))
        #expect(value["a"]?["n"] == nil)  // null reads as absent
        #expect(value["s"]?.string == "x")
        #expect(value["missing"] == nil)
    }

    @Test("a 64-bit seed reads back exactly (a Double would round it)")
    func bigIntegers() throws {
        let value = try JSONValue(parsing: #"{"seed": 18446744073709551615, "small": -42}"#)
        #expect(value["seed"]?.uint64 == UInt64.max)
        #expect(value["small"]?.int == -42)
        #expect(value["small"]?.uint64 == nil)
    }

    @Test("escapes, escaped slashes, surrogate pairs and non-ASCII text read as the characters they stand for")
    func strings() throws {
        let value = try JSONValue(parsing: #"["T\/T", "tab\there \"q\" \\ \u00e9 \ud83d\ude00", "Zakład 有限公司", ""]"#)
        #expect(value.strings == ["T/T", "tab\there \"q\" \\ é 😀", "Zakład 有限公司", ""])
    }

    @Test("what is not JSON is refused with the byte where it goes wrong", arguments: [
        (#"{"a": 1,}"#, 8), (#"[1 2]"#, 3), (#""open"#, 5), (#"{"a" 1}"#, 5), ("01", 1), (#""\ud83d""#, 7),
        ("tru", 0), (#"{"a": 1} x"#, 9), ("", 0), ("\"a\u{01}b\"", 2), ("-", 1),
    ])
    func errors(text: String, offset: Int) {
        do {
            _ = try JSONValue(parsing: text)
            Issue.record("\(text) was read as JSON")
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test("nesting deeper than 64 levels is refused, not followed")
    func depth() {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: deep) }
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect((try? JSONValue(parsing: fine)) != nil)
    }
}
