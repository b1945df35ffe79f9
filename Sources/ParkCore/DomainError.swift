/// A domain rule refused an input; nothing was changed.
///
/// `field` names the input at fault in the wire's camelCase spelling (`creditCode`, `on`),
/// `reason` says what is wrong in words an administrator can act on.
public struct DomainError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A value is malformed or out of range.
        case invalidField
        /// A status change that the lifecycle does not allow.
        case invalidTransition(from: TenantStatus, to: TenantStatus)
        /// A count of working days needs a year the working-day calendar holds no schedule for.
        case yearNotCovered(Int)

        /// The year of `yearNotCovered`.
        public var uncoveredYear: Int? {
            if case .yearNotCovered(let year) = self { year } else { nil }
        }
    }

    public let kind: Kind
    public let field: String
    public let reason: String

    init(kind: Kind, field: String, reason: String) {
        self.kind = kind
        self.field = field
        self.reason = reason.utf8.count > 240 ? Self.shorteningValues(reason) : reason
    }

    /// `reason` with each quoted value of more than 60 characters, and each run of more than 100
    /// without a space (a value given unquoted: `99999…9 is too large`), cut to its first 40 and
    /// last 10, saying how long it was: a value is named in an error (on the wire, in the audit
    /// trail and the journal), never sent back whole, however much of it a client sent.
    public static func shorteningValues(_ reason: String) -> String {
        func cut(_ value: Substring) -> String { "\(value.prefix(40))…\(value.suffix(10))" }
        var quotesShortened = ""
        var rest = Substring(reason)
        while let open = rest.firstIndex(of: "'") {
            quotesShortened += rest[...open]
            let inside = rest[rest.index(after: open)...]
            guard let close = inside.firstIndex(of: "'") else {
                rest = inside
                break
            }
            let quoted = inside[..<close]
            // A value cut already (a parameter named in the sentence) is kept as it was cut.
            let cutAlready = quoted.contains("…") && quoted.hasSuffix(" characters)")
            quotesShortened += quoted.count > 60 && !cutAlready ? "\(cut(quoted)) (\(quoted.count) characters)'" : "\(quoted)'"
            rest = inside[inside.index(after: close)...]
        }
        quotesShortened += rest
        return quotesShortened.split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.count > 100 ? "\(cut($0)) (\($0.count) characters)" : String($0) }
            .joined(separator: " ")
    }

    public static func invalid(_ field: String, _ reason: String) -> DomainError {
        DomainError(kind: .invalidField, field: field, reason: reason)
    }

    /// This refusal said of `subject` (`application 1, tenant 1: …`), as a refusal of `field`:
    /// for a step that decides for several, so that the one refused is named (a refused status
    /// change is then told in words, not as the transition's own error).
    public func about(_ subject: String, field: String) -> DomainError {
        .invalid(field, "\(subject): \(reason)")
    }

    /// This refusal with the other problems found with it named after it (`…; also tax: …`),
    /// for a reply that carries one field: its caller need not fix one problem at a time.
    public func naming(_ more: [DomainError]) -> DomainError {
        guard !more.isEmpty else { return self }
        return DomainError(kind: kind, field: field, reason: reason + "; also " + more.map { "\($0.field): \($0.reason)" }.joined(separator: "; "))
    }

    public static func transition(from: TenantStatus, to: TenantStatus, _ reason: String) -> DomainError {
        DomainError(kind: .invalidTransition(from: from, to: to), field: "to", reason: reason)
    }

    /// The working-day calendar cannot say which days of `year` are worked: never guessed.
    public static func yearNotCovered(_ year: Int) -> DomainError {
        DomainError(
            kind: .yearNotCovered(year), field: "year",
            reason: "the working-day calendar does not cover \(year): no holiday schedule of \(year) is loaded")
    }

    /// Refuses a year not written in four digits from 1900 (as every day parkd records is), naming
    /// the field `year`: `21` for 2021 would be answered as year 21, with nothing in it.
    public static func checkYear(_ year: Int) throws(DomainError) {
        guard (1900...9999).contains(year) else { throw .invalid("year", "\(year) is not a year in four digits, 1900 to 9999 (e.g. 2026)") }
    }

    /// A list's page size: `limit`, or `standard` when none is asked, refused past 1 to
    /// `maximum` (naming the field `limit`), so that no reply outgrows a message.
    public static func pageSize(_ limit: Int?, standard: Int, maximum: Int = 1000) throws(DomainError) -> Int {
        let size = limit ?? standard
        guard (1...maximum).contains(size) else { throw .invalid("limit", "\(size) is out of range; give 1 to \(maximum)") }
        return size
    }

    /// A page's cursor given as text (`after`): the count or id a previous page returned, a
    /// whole number from 0; nil when none is given.
    public static func cursor(_ text: String?, field: String = "after") throws(DomainError) -> Int64? {
        guard let text else { return nil }
        guard let value = Int64(text), value >= 0 else { throw .invalid(field, "'\(text)' is not a cursor returned by a previous page") }
        return value
    }

    /// Refuses a page's cursor given as a number that no previous page returns (below 1).
    public static func checkCursor(_ value: Int64?, field: String) throws(DomainError) {
        if let value, value < 1 { throw .invalid(field, "\(value) is not a cursor returned by a previous page") }
    }

    /// Refuses a range whose first end comes after its last (days, months), naming `from`.
    public static func checkOrder<Bound: Comparable & CustomStringConvertible>(from: Bound?, to: Bound?) throws(DomainError) {
        if let from, let to, from > to { throw .invalid("from", "\(from) is after \(to)") }
    }

    public var description: String { "\(field): \(reason)" }
}
