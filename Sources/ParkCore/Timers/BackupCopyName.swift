/// A backup copy's file name: `parkd-20260105T020000Z.sqlite`, the UTC second it was made, and
/// `parkd-20260105T020000Z-2.sqlite`, `-3`, … for later copies made in the same second. Copies
/// are ordered by when they were made, the second and then the sequence: by name, `-2` would
/// sort before the first copy of its second (`-` before `.`).
public struct BackupCopyName: Comparable, Sendable {
    public let name: String
    /// Seconds since the epoch (UTC) in the name.
    public let secondsSinceEpoch: Int64
    /// 1 for the first copy of its second, then 2, 3, …
    public let sequence: Int
    /// The UTC day the copy was made.
    public let day: CivilDate

    /// Reads a copy's name; nil for any other file (a partial copy, a file of the administrator's).
    public init?(_ name: String) {
        let scalars = Array(name.utf8)
        let prefix = Array("parkd-".utf8), suffix = Array(".sqlite".utf8)
        // parkd- yyyyMMdd T HHmmss Z [-N] .sqlite
        guard scalars.count >= prefix.count + 16 + suffix.count, scalars.starts(with: prefix), scalars.suffix(suffix.count).elementsEqual(suffix)
        else { return nil }
        let stamp = scalars[prefix.count..<(prefix.count + 16)]
        guard stamp[stamp.startIndex + 8] == UInt8(ascii: "T"), stamp.last == UInt8(ascii: "Z") else { return nil }
        func number(_ offset: Int, _ length: Int) -> Int? {
            let digits = stamp[(stamp.startIndex + offset)..<(stamp.startIndex + offset + length)]
            guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        guard let year = number(0, 4), let month = number(4, 2), let dayOfMonth = number(6, 2), let hour = number(9, 2),
              let minute = number(11, 2), let second = number(13, 2), hour < 24, minute < 60, second < 60,
              let date = CivilDate(year: year, month: month, day: dayOfMonth) else { return nil }
        let rest = scalars[(prefix.count + 16)..<(scalars.count - suffix.count)]
        var sequence = 1
        if !rest.isEmpty {
            // "-N", N from 2 on, without leading zeros.
            let digits = rest.dropFirst()
            guard rest.first == UInt8(ascii: "-"), !digits.isEmpty, digits.count <= 9, digits.first != UInt8(ascii: "0"),
                  digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            sequence = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            guard sequence >= 2 else { return nil }
        }
        self.name = name
        secondsSinceEpoch = Int64(date.dayNumber) * 86_400 + Int64(hour * 3_600 + minute * 60 + second)
        self.sequence = sequence
        day = date
    }

    public static func < (lhs: BackupCopyName, rhs: BackupCopyName) -> Bool {
        (lhs.secondsSinceEpoch, lhs.sequence, lhs.name) < (rhs.secondsSinceEpoch, rhs.sequence, rhs.name)
    }
}
