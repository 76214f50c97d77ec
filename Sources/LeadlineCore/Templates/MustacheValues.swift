import Mustache

/// A template's values as the Mustache renderer reads them fastest. Mustache looks every name up through the whole
/// context stack with dynamic casts: a `[String: Any]` answers through `Dictionary`'s conditional conformance, and a
/// string or a flag on the stack (inside `{{#buyer_name}}`, `{{#ask_port}}`) through `Mirror` reflection, for every
/// name looked up beneath it. These wrappers answer each with one plain conformance and render the same text:
/// objects look their names up, text and flags have no children, text renders as itself (transforms such as
/// `{{uppercased(buyer_name)}}` still apply), a false flag is null (its section is skipped, its inverted section
/// shown), as Mustache treats `false`.
enum MustacheValues {
    /// The Mustache form of a value of ``TemplateValues/context``.
    static func wrap(_ value: Any) -> Any {
        switch value {
        case let text as String: Text(text)
        case let flag as Bool: Flag(flag)
        case let object as [String: Any]: Object(object)
        case let list as [Any]: list.map(wrap)
        default: value
        }
    }

    /// Named values: `{{name}}` looks the name up here.
    final class Object: MustacheParent, @unchecked Sendable {
        let values: [String: Any]

        init(_ values: [String: Any]) { self.values = values.mapValues(MustacheValues.wrap) }

        func child(named name: String) -> Any? { values[name] }
    }

    /// A text value.
    struct Text: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
        let text: String

        init(_ text: String) { self.text = text }

        func child(named name: String) -> Any? { nil }
        var renderText: String { text }
        var isNull: Bool { false }
        func transform(_ name: String) -> Any? { text.transform(name) }
    }

    /// A true or false value.
    struct Flag: MustacheParent, MustacheCustomRenderable {
        let value: Bool

        init(_ value: Bool) { self.value = value }

        func child(named name: String) -> Any? { nil }
        var renderText: String { value ? "true" : "false" }
        var isNull: Bool { !value }
    }
}
