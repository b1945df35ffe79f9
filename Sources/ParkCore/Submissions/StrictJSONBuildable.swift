/// A value `StrictJSONParser` can build: `StrictJSON`, or a narrower tree that refuses what it
/// cannot hold exactly (its enum cases serve as the builders).
public protocol StrictJSONBuildable {
    /// Whether strings may hold escapes; when not, a backslash is a syntax error.
    static var readsEscapes: Bool { get }
    static var null: Self { get }
    static func bool(_ value: Bool) -> Self
    static func string(_ text: String) -> Self
    /// The number written as `text` (valid by RFC 8259), or nil when this value cannot hold it.
    static func number(written text: UnsafeRawBufferPointer) -> Self?
    static func array(_ elements: [Self]) -> Self
    static func object(_ members: [(name: String, value: Self)]) -> Self
}

extension StrictJSON: StrictJSONBuildable {
    public static var readsEscapes: Bool { true }

    public static func number(written text: UnsafeRawBufferPointer) -> StrictJSON? {
        .number(String(decoding: text, as: UTF8.self))
    }
}
