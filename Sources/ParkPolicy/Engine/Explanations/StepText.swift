import ParkCore

/// A piece of an explanation's text kept as typed parts (words, whole numbers, days, months,
/// periods, money, exact values with their unit), encoded compactly as they are appended and
/// turned into words only when shown. An explained run records hundreds of thousands of
/// steps; formatting a rational as decimal text costs a reduction and a division per digit,
/// and few explanations are ever read.
///
/// Written as a string literal with interpolations: `"\(count) × \(perDay, as: .money)"`.
/// A part is formatted exactly as the value's own description (`Money`, `CivilDate`, `Month`,
/// `RewardPeriod`, `Exact`, `Value.described(as:)`), so the text shown is the same as if it
/// had been written out while computing.
struct StepText: Sendable, Hashable, ExpressibleByStringInterpolation {
    /// The parts, each a tag byte and its payload (see `Part`).
    private(set) var bytes: PartBytes

    /// How a part is tagged in `bytes`.
    enum Part: UInt8 {
        /// UTF-8 text: its byte count (varint), then the bytes.
        case text = 0
        /// A whole number (zigzag varint).
        case integer = 1
        /// A day (its day number, zigzag varint).
        case day = 2
        /// A month (its index, year × 12 + month − 1, zigzag varint).
        case month = 3
        /// An amount of money in fen (zigzag varint), shown as yuan with two decimals.
        case money = 4
        /// An exact value: its unit (`Unit`), numerator and denominator (zigzag varints).
        case number = 5
    }

    /// The unit an exact value is shown with (`Value.described(as:)`), or none (a count shows
    /// as the value's own description, as `described(as: .count)` does).
    enum Unit: UInt8 {
        case none = 0, money, rate, area, price

        init?(_ type: ValueType) {
            switch type {
            case .money: self = .money
            case .rate: self = .rate
            case .area: self = .area
            case .price: self = .price
            case .count: self = .none
            default: return nil
            }
        }

        var type: ValueType? {
            switch self {
            case .none: nil
            case .money: .money
            case .rate: .rate
            case .area: .area
            case .price: .price
            }
        }
    }

    init(stringLiteral text: String) {
        bytes = PartBytes()
        bytes.append(Part.text.rawValue)
        CompactBytes.append(text: text, to: &bytes)
    }

    init(stringInterpolation: StringInterpolation) {
        bytes = stringInterpolation.bytes
    }

    /// Text already written out (a name, or a value formatted when a policy compiles).
    init(_ text: String) {
        self.init(stringLiteral: text)
    }

    /// Parts already encoded and checked.
    init(encoded bytes: [UInt8]) {
        self.bytes = PartBytes(bytes)
    }

    static func + (lhs: StepText, rhs: StepText) -> StepText {
        var joined = lhs
        joined.bytes.append(rhs.bytes)
        return joined
    }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var bytes = PartBytes()

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ literal: String) {
            guard !literal.isEmpty else { return }
            appendText(literal)
        }

        mutating func appendInterpolation(_ text: String) {
            appendText(text)
        }

        mutating func appendInterpolation(_ value: Int) {
            append(.integer, Int64(value))
        }

        mutating func appendInterpolation(_ value: Int64) {
            append(.integer, value)
        }

        mutating func appendInterpolation(_ day: CivilDate) {
            append(.day, Int64(day.dayNumber))
        }

        mutating func appendInterpolation(_ month: Month) {
            append(.month, Int64(month.index))
        }

        mutating func appendInterpolation(_ period: RewardPeriod) {
            switch period.kind {
            case .month: append(.month, Int64(period.lastMonth))
            case .year: append(.integer, Int64(period.year))
            }
        }

        mutating func appendInterpolation(_ money: Money) {
            append(.money, money.fen)
        }

        /// An exact value as its own description shows it (no unit).
        mutating func appendInterpolation(_ value: Exact) {
            append(value, unit: .none)
        }

        /// A value as an explanation shows it, with its unit (`Value.described(as:)`).
        mutating func appendInterpolation(_ value: Value, as type: ValueType) {
            if case .number(let number) = value, let unit = Unit(type) {
                append(number, unit: unit)
            } else if case .day(let day) = value {
                append(.day, Int64(day.dayNumber))
            } else {
                // Truth values, windows, bracket tables and texts: rare, written out now.
                appendText(value.described(as: type))
            }
        }

        /// Anything else (a window) as its description, written out now.
        mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            appendText(value.description)
        }

        private mutating func appendText(_ text: String) {
            bytes.append(Part.text.rawValue)
            CompactBytes.append(text: text, to: &bytes)
        }

        private mutating func append(_ part: Part, _ value: Int64) {
            bytes.append(part.rawValue)
            CompactBytes.appendZigzag(value, to: &bytes)
        }

        private mutating func append(_ value: Exact, unit: Unit) {
            bytes.append(Part.number.rawValue)
            bytes.append(unit.rawValue)
            CompactBytes.appendZigzag(value.numerator, to: &bytes)
            CompactBytes.appendZigzag(value.denominator, to: &bytes)
        }
    }

    /// The text as it is shown.
    var text: String {
        let array = bytes.array
        var reader = CompactBytes.Reader(array[...])
        // Bytes made by the interpolation above are always well formed.
        return (try? Self.read(&reader, count: array.count, formatting: true)) ?? ""
    }

    /// Reads `count` bytes of parts from `reader`, checking each, and formats them when
    /// `formatting` (otherwise the text is empty); throws when they are not well formed.
    static func read(_ reader: inout CompactBytes.Reader, count: Int, formatting: Bool) throws(CompactBytes.Malformed) -> String {
        guard count >= 0, count <= reader.endOffset - reader.offset else { throw CompactBytes.Malformed() }
        let end = reader.offset + count
        var text = ""
        while reader.offset < end {
            guard let part = Part(rawValue: try reader.byte()) else { throw CompactBytes.Malformed() }
            switch part {
            case .text:
                let piece = try reader.string()
                if formatting { text += piece }
            case .integer:
                let value = try reader.zigzag()
                if formatting { text += String(value) }
            case .day:
                let number = try reader.zigzag()
                guard abs(number) <= 100_000_000 else { throw CompactBytes.Malformed() }
                if formatting { text += CivilDate(dayNumber: Int(number)).description }
            case .month:
                let index = try reader.zigzag()
                guard (0...12 * 1_000_000).contains(index) else { throw CompactBytes.Malformed() }
                if formatting { text += Month(index: Int(index)).description }
            case .money:
                let fen = try reader.zigzag()
                guard fen != .min else { throw CompactBytes.Malformed() }
                if formatting { text += Money(fen: fen).description }
            case .number:
                guard let unit = Unit(rawValue: try reader.byte()) else { throw CompactBytes.Malformed() }
                let numerator = try reader.zigzag128(), denominator = try reader.zigzag128()
                guard denominator > 0, numerator != .min else { throw CompactBytes.Malformed() }
                guard formatting else { continue }
                let value = Exact(numerator: numerator, denominator: denominator)
                text += unit.type.map { Value.number(value).described(as: $0) } ?? value.description
            }
        }
        guard reader.offset == end else { throw CompactBytes.Malformed() }
        return text
    }
}
