/// The order units are listed in: by building, then by number, each read as people read them,
/// with runs of digits compared as numbers (`A-260` before `A-1008`, `B-2` before `B-10`).
public enum UnitOrder {
    public static func isListed(_ first: RentalUnit, before second: RentalUnit) -> Bool {
        if first.building != second.building { return isBefore(first.building, second.building) }
        if first.number != second.number { return isBefore(first.number, second.number) }
        return (first.id ?? 0) < (second.id ?? 0)
    }

    /// Natural order: digit runs by value (then by length, so `01` after `1`), other runs by
    /// their scalars.
    static func isBefore(_ first: String, _ second: String) -> Bool {
        var left = runs(first)[...], right = runs(second)[...]
        while let a = left.first, let b = right.first {
            if a != b {
                switch (a, b) {
                case (.digits(let x), .digits(let y)):
                    let trimmedX = x.drop { $0 == "0" }, trimmedY = y.drop { $0 == "0" }
                    if trimmedX.count != trimmedY.count { return trimmedX.count < trimmedY.count }
                    if trimmedX != trimmedY { return trimmedX.lexicographicallyPrecedes(trimmedY) }
                    return x.count < y.count
                case (.digits, .text): return true
                case (.text, .digits): return false
                case (.text(let x), .text(let y)): return x.lexicographicallyPrecedes(y)
                }
            }
            left = left.dropFirst()
            right = right.dropFirst()
        }
        return left.isEmpty && !right.isEmpty
    }

    private enum Run: Equatable {
        case digits([Unicode.Scalar])
        case text([Unicode.Scalar])
    }

    private static func runs(_ text: String) -> [Run] {
        var runs: [Run] = []
        var current: [Unicode.Scalar] = []
        var inDigits = false
        for scalar in text.unicodeScalars {
            let isDigit = ("0"..."9").contains(scalar)
            if !current.isEmpty, isDigit != inDigits {
                runs.append(inDigits ? .digits(current) : .text(current))
                current = []
            }
            inDigits = isDigit
            current.append(scalar)
        }
        if !current.isEmpty { runs.append(inDigits ? .digits(current) : .text(current)) }
        return runs
    }
}
