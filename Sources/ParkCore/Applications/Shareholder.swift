import MemberwiseInit

/// A shareholder of an applicant and its share, exact to a hundredth of a percent.
@MemberwiseInit
public struct Shareholder: Equatable, Sendable {
    public var name: String
    /// The share in hundredths of a percent (25.5% is 2550).
    public var shareBasisPoints: Int

    /// `NAME=PERCENT` (`青岛英才控股=60`, `李明=12.5`): a name and a share above 0 and at most 100
    /// with at most two decimals.
    public static func parse(_ text: String, field: String = "shareholders") throws(DomainError) -> Shareholder {
        guard let equals = text.lastIndex(of: "=") else {
            throw .invalid(field, "'\(text)' is not NAME=PERCENT, e.g. 青岛英才控股=60")
        }
        let name = try FieldText.text(String(text[..<equals]), field: field, maxLength: 100)
        let share = String(text[text.index(after: equals)...]).trimmingWhitespace()
        guard case .value(let points) = DecimalText.read(share, places: 2), (1...10_000).contains(points) else {
            throw .invalid(field, "the share of \(name), '\(share)', is not a percentage above 0 and at most 100 with at most two decimals")
        }
        return Shareholder(name: name, shareBasisPoints: Int(points))
    }

    /// `NAME=PERCENT` as `parse` reads it.
    public var description: String { "\(name)=\(Shareholder.percent(shareBasisPoints))" }

    /// A share in hundredths of a percent as a percentage: `2550` → `25.5`, `6000` → `60`.
    public static func percent(_ basisPoints: Int) -> String {
        var text = DecimalText.format(Int64(basisPoints), places: 2)
        if text.hasSuffix(".00") { text.removeLast(3) } else if text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
