/// Thousands separators for people: `1,250,000.50`, `-3,200.00`, `72,630`.
///
/// The rule: an amount of money (yuan, always with its two decimals of fen) is grouped wherever
/// parkctl shows it to people. Other quantities, counts and areas, are grouped in the tables of
/// figures (`stats`, and the report tables), where they are read and added up as figures;
/// elsewhere they are short and stay as parkd sends them, like ids, days, versions and
/// percentages. `--json` and `--csv` keep every value as parkd sends it, ungrouped.
extension String {
    /// The decimal number grouped; any other text (`-`, a word) unchanged.
    var grouped: String {
        guard let match = wholeMatch(of: /(-?)([0-9]+)((?:\.[0-9]+)?)/) else { return self }
        let digits = Array(match.2)
        var whole = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { whole.append(",") }
            whole.append(digit)
        }
        return match.1 + whole + match.3
    }
}

extension BinaryInteger {
    /// The count grouped: `72,630`.
    var grouped: String { String(self).grouped }
}
