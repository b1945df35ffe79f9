/// Thousands separators for people: `1,250,000.50`, `-3,200.00`, `72,630`.
///
/// The rule: an amount of money (yuan, always with its two decimals of fen) is grouped wherever
/// parkctl shows it to people. Other quantities, counts and areas, are grouped in the tables of
/// figures (`stats`, and the report tables), where they are read and added up as figures;
/// elsewhere they are short and stay as parkd sends them, like ids, days, versions and
/// percentages. `--json` and `--csv` keep every value as parkd sends it, ungrouped.
extension String {
    /// The decimal number (`-?[0-9]+(\.[0-9]+)?`) grouped; any other text (`-`, a word)
    /// unchanged. Read byte by byte: a table of figures groups every cell of every row.
    var grouped: String {
        let bytes = Array(utf8)
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let sign = bytes.first == UInt8(ascii: "-") ? 1 : 0
        var end = sign
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        let wholeDigits = end - sign
        guard wholeDigits > 0 else { return self }
        if end < bytes.count {
            guard bytes[end] == UInt8(ascii: "."), end + 1 < bytes.count, bytes[(end + 1)...].allSatisfy(isDigit) else { return self }
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + wholeDigits / 3)
        result += bytes[..<sign]
        for index in sign..<end {
            if index > sign, (end - index) % 3 == 0 { result.append(UInt8(ascii: ",")) }
            result.append(bytes[index])
        }
        result += bytes[end...]
        return String(decoding: result, as: UTF8.self)
    }
}

extension BinaryInteger {
    /// The count grouped: `72,630`.
    var grouped: String { String(self).grouped }
}
