import ParkCore

/// A time zone read from a TZif file (RFC 8536), as glibc reads it: the transitions of its
/// 64-bit data, before the first one the first type without daylight saving, and after the last
/// one the rule of its footer.
struct TZifRules: TimeZoneRules {
    let transitions: [Int64]
    /// The index into `types` of each transition's type.
    let typeOfTransition: [Int]
    let types: [LocalTimeType]
    let footer: PosixTimeZoneRule?

    /// Parses a TZif file; nil when it is not one.
    init?(_ data: [UInt8]) {
        var reader = Reader(data)
        guard let header = reader.header() else { return nil }
        var counts = header.counts
        var timeSize = 4
        if header.version >= 2 {
            reader.index += counts.dataSize(timeSize: 4)
            guard let second = reader.header() else { return nil }
            counts = second.counts
            timeSize = 8
        }
        guard reader.index + counts.dataSize(timeSize: timeSize) <= data.count, counts.types > 0 else { return nil }
        var transitions: [Int64] = []
        for _ in 0..<counts.transitions { transitions.append(reader.signed(timeSize)) }
        var indices: [Int] = []
        for _ in 0..<counts.transitions { indices.append(Int(reader.byte())) }
        var rawTypes: [(Int64, Bool, Int)] = []
        for _ in 0..<counts.types { rawTypes.append((reader.signed(4), reader.byte() != 0, Int(reader.byte()))) }
        let characters = Array(data[reader.index..<(reader.index + counts.characters)])
        reader.index += counts.dataSize(timeSize: timeSize) - counts.dataSizeBeforeCharacters(timeSize: timeSize)
        guard indices.allSatisfy({ $0 < rawTypes.count }) else { return nil }
        types = rawTypes.map { offset, isDaylightSaving, abbreviationIndex in
            let tail = abbreviationIndex < characters.count ? characters[abbreviationIndex...] : []
            let abbreviation = String(decoding: tail.prefix { $0 != 0 }, as: UTF8.self)
            return LocalTimeType(utcOffset: offset, isDaylightSaving: isDaylightSaving, abbreviation: abbreviation)
        }
        self.transitions = transitions
        typeOfTransition = indices
        if header.version >= 2, reader.index < data.count, data[reader.index] == UInt8(ascii: "\n") {
            let text = data[(reader.index + 1)...].prefix { $0 != UInt8(ascii: "\n") }
            footer = text.isEmpty ? nil : PosixTimeZoneRule(String(decoding: text, as: UTF8.self))
        } else {
            footer = nil
        }
    }

    func localTimeType(at second: Int64) -> LocalTimeType {
        guard let first = transitions.first, second >= first else {
            return types.first { !$0.isDaylightSaving } ?? types[0]
        }
        if let last = transitions.last, second >= last, let footer {
            return footer.localTimeType(at: second)
        }
        var low = 0, high = transitions.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if transitions[middle] <= second { low = middle } else { high = middle }
        }
        return types[typeOfTransition[low]]
    }
}

extension TZifRules {
    struct Counts {
        var utIndicators = 0, standardIndicators = 0, leapSeconds = 0, transitions = 0, types = 0, characters = 0

        func dataSizeBeforeCharacters(timeSize: Int) -> Int { transitions * (timeSize + 1) + types * 6 }

        func dataSize(timeSize: Int) -> Int {
            dataSizeBeforeCharacters(timeSize: timeSize) + characters + leapSeconds * (timeSize + 4) + standardIndicators + utIndicators
        }
    }

    /// A cursor over the file's bytes, big-endian.
    private struct Reader {
        let data: [UInt8]
        var index = 0

        init(_ data: [UInt8]) { self.data = data }

        mutating func header() -> (version: Int, counts: Counts)? {
            guard index + 44 <= data.count, Array(data[index..<(index + 4)]) == Array("TZif".utf8) else { return nil }
            let versionByte = data[index + 4]
            let version = versionByte == 0 ? 1 : Int(versionByte) - Int(UInt8(ascii: "0"))
            index += 20
            var counts = Counts()
            counts.utIndicators = Int(signed(4))
            counts.standardIndicators = Int(signed(4))
            counts.leapSeconds = Int(signed(4))
            counts.transitions = Int(signed(4))
            counts.types = Int(signed(4))
            counts.characters = Int(signed(4))
            let all = [counts.utIndicators, counts.standardIndicators, counts.leapSeconds, counts.transitions, counts.types, counts.characters]
            guard all.allSatisfy({ (0...1_000_000).contains($0) }) else { return nil }
            return (version, counts)
        }

        mutating func byte() -> UInt8 {
            defer { index += 1 }
            return index < data.count ? data[index] : 0
        }

        /// A two's-complement integer of `size` bytes.
        mutating func signed(_ size: Int) -> Int64 {
            var value: UInt64 = 0
            for _ in 0..<size { value = value << 8 | UInt64(byte()) }
            let shift = UInt64(64 - size * 8)
            return Int64(bitPattern: value << shift) >> Int64(shift)
        }
    }
}
