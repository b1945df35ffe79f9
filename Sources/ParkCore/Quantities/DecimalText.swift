/// Fixed-point decimal text, shared by money and areas.
enum DecimalText {
    /// What a decimal text holds.
    enum Reading: Equatable {
        case value(Int64)
        /// Not digits, one point, at most the places allowed and an optional leading minus.
        case malformed
        /// Well-formed, but with more than thirteen whole digits: beyond any amount or area.
        case tooLong(negative: Bool)
    }

    /// `"-12.3"` with 2 places → -1230.
    static func read(_ text: String, places: Int) -> Reading {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" {
            negative = true
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .malformed }
        var fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= places, fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
              parts.count == 1 || !fraction.isEmpty else { return .malformed }
        guard whole.drop(while: { $0 == "0" }).count <= 13 else { return .tooLong(negative: negative) }
        fraction += String(repeating: "0", count: places - fraction.count)
        guard let units = Int64(whole), let cents = Int64(fraction.isEmpty ? "0" : fraction) else { return .malformed }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let value = units * scale + cents
        return .value(negative ? -value : value)
    }

    static func format(_ value: Int64, places: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let magnitude = value.magnitude
        let whole = magnitude / UInt64(scale), fraction = String(magnitude % UInt64(scale))
        let padded = String(repeating: "0", count: places - fraction.count) + fraction
        return (value < 0 ? "-" : "") + "\(whole).\(padded)"
    }
}

extension FixedWidthInteger where Self: SignedInteger {
    /// `self / divisor`, rounded half away from zero (the park's "half-up" for amounts).
    func dividedRoundingHalfUp(by divisor: Self) -> Self {
        let quotient = self / divisor, remainder = self % divisor
        guard remainder.magnitude * 2 >= divisor.magnitude else { return quotient }
        return (self < 0) != (divisor < 0) ? quotient - 1 : quotient + 1
    }
}
