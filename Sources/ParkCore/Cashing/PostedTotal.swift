/// The total under a posted table of amounts (a notice's lines, a year's payments): their sum,
/// refused past the largest amount parkd holds (each amount is within it, a sum of many need
/// not be), as a run whose lines add up past it is.
public enum PostedTotal {
    /// The amounts added up; `what` names them in the refusal ("the lines of run 3").
    public static func of(_ amounts: some Sequence<Money>, _ what: String) throws(CashingRefusal) -> Money {
        guard let total = Money.total(amounts.lazy.map(\.fen)) else { throw .totalTooLarge(of: what) }
        return total
    }
}
